import { parseArgs } from 'node:util';
import { ProblemException } from '../../shared/http/problem';
import { replayCase } from '../case-replay/case-replay';
import { loadCaseEvents } from '../case-replay/load-case-events';
import { openDataDir, type CliIo } from '../../shared/cli/open-data-dir';

export const REPLAY_USAGE = `  replay <application-id> [--data-dir <dir>] [--json]
      Walks a case event by event: who did what, when, and what each event changed (status, review track,
      determinations, assignee, flags…). --json prints the same steps as GET /applications/:id/replay.`;

/** `replay <id>`: the case's steps, as text (or JSON). */
export async function replayCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  });
  const [applicationId] = positionals;
  if (applicationId === undefined || positionals.length > 1) {
    io.stderr.write(`${REPLAY_USAGE}\n`);
    return 2;
  }
  const store = await openDataDir(values['data-dir'], io);
  if (typeof store === 'number') return store;
  try {
    const steps = replayCase(applicationId, await loadCaseEvents(store, applicationId));
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ applicationId, steps }, null, 2)}\n`);
      return 0;
    }
    for (const step of steps) {
      io.stdout.write(`#${step.revision} @${step.position} ${step.recordedAt} ${step.type} by ${step.actor}\n`);
      for (const change of step.changes) {
        io.stdout.write(`    ${change.field}: ${brief(change.from)} -> ${brief(change.to)}\n`);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof ProblemException) {
      io.stderr.write(`${error.detail ?? error.title}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** A one-line rendering of a value: short scalars as they are, structures as compact JSON cut at 160 characters. */
function brief(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
