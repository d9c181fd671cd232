import { parseArgs } from 'node:util';
import { formatAnchor, parseAnchor, verifyLog } from '@app/infra';
import { ProgressBar } from '../../shared/read-models/rebuild/progress-bar';
import { dataDirOf } from '../../shared/config/app-config';
import { verifyDataFiles } from './data-files.check';
import { openDataDir, type CliIo } from '../../shared/cli/open-data-dir';

export const VERIFY_USAGE = `  verify [--data-dir <dir>] [--anchor <hash@position>]
      Runs SQLite's full integrity check on the event log, the read models and the idempotency keys (one line
      each on stderr, with what to do about a damaged file), then checks every stream's hash chain and every seal
      of the event log, and the anchor if given (one printed by an earlier verify or served by GET /audit/anchor).
      Prints the report as JSON and the anchor to publish. Exit code 0 when ok, 1 when a problem was found.`;

/** `verify`: the same check as GET /audit/integrity, with a progress bar on stderr. */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, anchor: { type: 'string' } } });
  const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
  if (anchor === null) {
    io.stderr.write('--anchor must be <sha-256 hex>@<position>\n');
    return 2;
  }
  // The files first: a damaged log is not opened (opening it would apply migrations to a damaged file).
  const damaged = verifyDataFiles(dataDirOf({ ...io.env, ...(values['data-dir'] !== undefined ? { DATA_DIR: values['data-dir'] } : {}) }), io.stderr);
  if (damaged.includes('events.sqlite')) return 1;
  const store = await openDataDir(values['data-dir'], io);
  if (typeof store === 'number') return store;
  try {
    const bar = new ProgressBar(io.stderr);
    const report = await verifyLog(store, {
      contiguousPositions: true,
      ...(anchor ? { anchor } : {}),
      onProgress: (checked, total) => bar.update(checked, total ?? checked),
    });
    bar.done();
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.head.position !== null) {
      io.stderr.write(`Anchor (publish it where the operator has no control): ${formatAnchor({ position: report.head.position, hash: report.head.hash })}\n`);
    }
    io.stderr.write(report.ok ? `OK: ${report.checked} events verified\n` : `FAILED: ${report.problems.length} problem(s)\n`);
    return report.ok && damaged.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
