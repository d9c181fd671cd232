import { isPostgresUrl, StoreUnavailableError, type EventStore } from '@app/infra';
import { ConfigError } from '../shared/config/app-config';
import { describeEventStoreSpec, openEventStoreBySpec } from '../shared/event-store/open-event-store-by-spec';
import { rebuildReadModelsAt } from '../shared/read-models/open-read-models-at';
import { ProgressBar, type ProgressOutput } from '../shared/read-models/rebuild/progress-bar';
import { copyLog, CopyRefusedError, type CopyLogResult } from './copy-log';
import { CopyUsageError, parseCopyOptions, type CopyOptions } from './copy-options';
import { verifyCopy, type CopyVerification } from './verify-copy';

export { COPY_USAGE } from './copy-options';

export interface CopyIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
}

/**
 * `copy`: copies the log into an empty store, verifies the copy, then rebuilds the read models over the target, with
 * a progress bar on stderr for each step and a summary on stdout. Answers the exit code: 0 copied and verified,
 * 1 refused or failed, 2 usage.
 */
export async function copyCommand(args: string[], io: CopyIo): Promise<number> {
  let options: CopyOptions;
  try {
    options = parseCopyOptions(args, io.env);
  } catch (error) {
    if (error instanceof CopyUsageError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const from = describeEventStoreSpec(options.source);
  const to = describeEventStoreSpec(options.target);
  const opened: EventStore[] = [];
  try {
    const source = await openEventStoreBySpec(options.from, { mustExist: true });
    opened.push(source);
    const target = await openEventStoreBySpec(options.to);
    opened.push(target);

    io.stderr.write(`Copying the event log from ${from} to ${to}\n`);
    const copied = await copyWithProgress(source, target, options, io.stderr);
    io.stdout.write(`Copied ${copied.events} events of log ${copied.logId} from ${from} to ${to}\n`);

    io.stderr.write('Verifying the copy\n');
    const verification = await verifyWithProgress(source, target, copied, io.stderr);
    if (!verification.ok) {
      io.stdout.write(`${JSON.stringify(verification, null, 2)}\n`);
      io.stderr.write(`Verification FAILED: the copy in ${to} differs from ${from} (report above); do not use it\n`);
      return 1;
    }
    io.stdout.write(verifiedSummary(verification));

    return await rebuildReadModels(target, options, io);
  } catch (error) {
    if (error instanceof CopyRefusedError || error instanceof ConfigError || error instanceof StoreUnavailableError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`\nCopy failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    for (const store of opened) await store.close();
  }
}

async function copyWithProgress(source: EventStore, target: EventStore, options: CopyOptions, stderr: ProgressOutput): Promise<CopyLogResult> {
  const bar = new ProgressBar(stderr);
  const result = await copyLog(source, target, {
    pageSize: options.pageSize,
    onProgress: ({ copied, total }) => bar.update(copied, total ?? copied),
  });
  bar.done();
  return result;
}

async function verifyWithProgress(source: EventStore, target: EventStore, copied: CopyLogResult, stderr: ProgressOutput): Promise<CopyVerification> {
  const bar = new ProgressBar(stderr);
  // Three reads of the log: the source, the target and the target's chains.
  const verification = await verifyCopy(source, target, copied.sourceHead, (read) => bar.update(read, Math.max(read, copied.events * 3)));
  bar.done();
  return verification;
}

function verifiedSummary(verification: CopyVerification): string {
  const categories = verification.categories.map((row) => `  ${row.category}: ${row.target} events`);
  return (
    `Verified: the same log id, ${verification.events.target} events, ${verification.streams} streams at the same ` +
    `revisions and last hashes, ${verification.targetChains.checked} events re-hashed in chains and seals\n${categories.join('\n')}\n`
  );
}

/**
 * Rebuilds the read models where a server on the target keeps them: in the target database on PostgreSQL, in
 * STATE_STORE beside EventStoreDB when it is set, else in the data directory.
 */
async function rebuildReadModels(target: EventStore, options: CopyOptions, io: CopyIo): Promise<number> {
  const stateStore = io.env.STATE_STORE;
  const stateUrl =
    options.target.kind === 'postgres' ? options.target.url : options.target.kind === 'esdb' && stateStore !== undefined && isPostgresUrl(stateStore) ? stateStore : null;
  const { report, where } = await rebuildReadModelsAt({ stateUrl, dataDir: options.dataDir }, target, io.stderr);
  io.stdout.write(`Rebuilt ${report.projections.length} read model(s) from ${report.processed} events in ${where}\n`);
  return 0;
}
