import { backoffDelay } from './esdb-backoff';

describe('resubscription back-off', () => {
  const at = (random: number) => (failures: number) => backoffDelay(failures, { initialMs: 100, maxMs: 1000, random: () => random });

  it('doubles from the initial delay up to the cap', () => {
    const nominal = at(0.999999);
    expect([1, 2, 3, 4, 5, 6, 40].map(nominal)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('jitters between half and all of the nominal delay', () => {
    expect([1, 2, 5].map(at(0))).toEqual([50, 100, 500]);
    expect([1, 2, 5].map(at(0.5))).toEqual([75, 150, 750]);
  });

  it('defaults to 500 ms doubling to 30 s', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(250);
    expect(backoffDelay(20, { random: () => 0.999999 })).toBe(30_000);
  });
});
