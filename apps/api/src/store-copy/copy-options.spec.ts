import path from 'node:path';
import { ConfigError } from '../shared/config/app-config';
import { openEventStoreBySpec, parseEventStoreSpec } from '../shared/event-store/open-event-store-by-spec';
import { CopyUsageError, parseCopyOptions } from './copy-options';

describe('copy: command line', () => {
  it('reads the stores, and rebuilds the read models in a SQLite target’s own directory by default', () => {
    const options = parseCopyOptions(['--from', 'sqlite:./data', '--to', 'sqlite:./other'], {});
    expect(options.source).toEqual({ kind: 'sqlite', dataDir: path.resolve('data') });
    expect(options.target).toEqual({ kind: 'sqlite', dataDir: path.resolve('other') });
    expect(options.dataDir).toBe(path.resolve('other'));
    expect(options.pageSize).toBe(1000);
  });

  it('rebuilds them in DATA_DIR for a server target, or in --data-dir', () => {
    const to = 'postgres://lcm:secret@db/lcm';
    expect(parseCopyOptions(['--from', 'sqlite:./data', '--to', to], { DATA_DIR: '/srv/api' }).dataDir).toBe('/srv/api');
    expect(parseCopyOptions(['--from', 'sqlite:./data', '--to', to], {}).dataDir).toBe(path.resolve('data'));
    expect(parseCopyOptions(['--from', 'sqlite:./data', '--to', to, '--data-dir', '/x'], { DATA_DIR: '/srv/api' }).dataDir).toBe('/x');
    expect(parseCopyOptions(['--from', 'sqlite:./data', '--to', 'esdb://kurrentdb:2113?tls=false'], {}).target).toEqual({
      kind: 'esdb',
      url: 'esdb://kurrentdb:2113?tls=false',
    });
  });

  it.each([
    [['--from', 'sqlite:./data'], CopyUsageError, 'copy needs --from <store> and --to <store>'],
    [['--from', 'sqlite:./data', '--to', 'sqlite:data'], CopyUsageError, 'the same data directory'],
    [['--from', 'sqlite:./a', '--to', 'sqlite:./b', '--page-size', '0'], CopyUsageError, '--page-size must be a whole number'],
    [['--from', 'sqlite:', '--to', 'sqlite:./b'], ConfigError, 'sqlite: needs a data directory'],
    [['--from', 'mysql://root:hunter2@db/x', '--to', 'sqlite:./b'], ConfigError, 'mysql://root:***@db/x'],
  ])('%j is refused', (args, type, message) => {
    expect(() => parseCopyOptions(args, {})).toThrow(type);
    expect(() => parseCopyOptions(args, {})).toThrow(message);
  });

  it('never shows a password when it cannot open a server store', async () => {
    expect(parseEventStoreSpec('postgresql://lcm:pw@db/lcm')).toEqual({ kind: 'postgres', url: 'postgresql://lcm:pw@db/lcm' });
    // Port 1 on the loopback: nothing listens, so the server store cannot be opened.
    const opening = openEventStoreBySpec('postgres://lcm:pw@127.0.0.1:1/lcm');
    await expect(opening).rejects.toThrow('The event store postgres://lcm:***@127.0.0.1:1/lcm is unavailable');
    await expect(opening).rejects.not.toThrow(/:pw@/);
  });
});
