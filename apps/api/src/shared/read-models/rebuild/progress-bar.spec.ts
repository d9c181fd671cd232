import { ProgressBar, renderProgress } from './progress-bar';

function output(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (text: string) => written.push(text), written };
}

describe('the rebuild progress bar', () => {
  it('renders the share done, the count and the total', () => {
    expect(renderProgress(1200, 2400)).toBe('[##########----------] 50% 1200/2400 events');
    expect(renderProgress(0, 0)).toBe('[####################] 100% 0/0 events');
    expect(renderProgress(3, 7)).toBe('[#########-----------] 42% 3/7 events');
  });

  it('redraws in place on a terminal, only when the text changes, and ends the line when done', () => {
    const tty = output(true);
    const bar = new ProgressBar(tty);
    bar.update(0, 4);
    bar.update(0, 4);
    bar.update(4, 4);
    bar.done();
    expect(tty.written).toEqual(['\r[--------------------] 0% 0/4 events', '\r[####################] 100% 4/4 events', '\n']);
  });

  it('writes one line per 10 % step elsewhere', () => {
    const log = output(false);
    const bar = new ProgressBar(log);
    for (let processed = 0; processed <= 1000; processed += 25) bar.update(processed, 1000);
    bar.done();
    expect(log.written).toHaveLength(11);
    expect(log.written[0]).toBe('[--------------------] 0% 0/1000 events\n');
    expect(log.written[5]).toBe('[##########----------] 50% 500/1000 events\n');
    expect(log.written[10]).toBe('[####################] 100% 1000/1000 events\n');
  });
});
