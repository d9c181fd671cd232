import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCommand } from './generate.command';

describe('generate: usage errors write nothing', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-generate-usage-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['--data-dir', dataDir], '--cases must be a whole number from 1 to 10000000'],
    [['--cases', '0', '--data-dir', dataDir], '--cases must be a whole number from 1 to 10000000, got 0'],
    [['--cases', '1.5', '--data-dir', dataDir], 'got 1.5'],
    [['--cases', '10', '--seed=-1', '--data-dir', dataDir], '--seed must be a whole number from 0 to 2147483647, got -1'],
    [['--cases', '10', '--colour', 'red', '--data-dir', dataDir], "Unknown option '--colour'"],
    [['--cases', '10', '--today', '2026-02-30', '--data-dir', dataDir], '--today must be a date (YYYY-MM-DD), got 2026-02-30'],
    [['--cases', '10', '--pending-in', 'KH', '--data-dir', dataDir], '--pending-in must be <CC>=<n>'],
    [['--cases', '10', '--pending-in', 'KH=11', '--data-dir', dataDir], '--pending-in must be a whole number from 0 to 10, got 11'],
  ])('%j answers 2: %s', async (args, message) => {
    const errors: string[] = [];
    const code = await generateCommand(args, { env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => errors.push(text) } });
    expect(code).toBe(2);
    expect(errors.join('')).toContain(message);
    expect(existsSync(path.join(dataDir, 'events.sqlite'))).toBe(false);
  });

  it('refuses another event store than SQLite', async () => {
    const errors: string[] = [];
    const io = { env: { EVENT_STORE: 'esdb://localhost:2113' }, stdout: { write: () => true }, stderr: { write: (text: string) => errors.push(text) } };
    expect(await generateCommand(['--cases', '10', '--data-dir', dataDir], io)).toBe(2);
    expect(errors.join('')).toContain('generate writes the embedded SQLite store');
  });

  it('refuses a country the generator has no destination for', async () => {
    const errors: string[] = [];
    const io = { env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => errors.push(text) } };
    expect(await generateCommand(['--cases', '10', '--pending-in', 'ZZ=5', '--data-dir', dataDir], io)).toBe(2);
    expect(errors.join('')).toContain("ZZ is not one of the generator's destinations");
  });
});
