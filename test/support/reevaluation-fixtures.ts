import { randomUUID } from 'node:crypto';
import { calendarDateOf, LicenceApplication, licenceApplicationStream, type EndUseCode, type Party } from '@app/domain';
import { AggregateRepository, SqliteEventStore } from '@app/infra';
import { openTestEventStore } from './test-event-store';
import { PolicyRegisterReadModel } from '../../apps/api/src/country-policy/register/policy-register.read-model';

/** What varies between the seeded cases; the rest is a plain DSP-5 like `anApplication()`. */
export interface SeededCase {
  readonly parties: readonly Party[];
  readonly endUseCodes?: readonly EndUseCode[];
  readonly description?: string;
}

/**
 * Submits cases straight into the event store of a stopped server (`DATA_DIR/events.sqlite`, already seeded with
 * the register by a first start), the way the submit handler does: each case is decided by the aggregate against
 * the register in force today (the same read model the server uses) and appended on its own stream. Thousands of
 * cases take seconds this way, where the HTTP route, which waits for the read models after every case, takes
 * minutes. The server projects them when it starts again.
 *
 * @returns the new case ids, in the order of `cases`.
 */
export async function submitCasesDirectly(
  dataDir: string,
  cases: readonly SeededCase[],
  options: { actor?: string; now?: () => Date } = {},
): Promise<string[]> {
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? 'intake-1';
  const store = await openTestEventStore(dataDir, { now });
  try {
    // Seed data, not a command under test: an fsync per case buys nothing here, as the store is closed cleanly
    // (which checkpoints the WAL) before the server opens it. The server's own connection keeps synchronous=FULL.
    if (store instanceof SqliteEventStore) store.database.pragma('synchronous = NORMAL');
    const repository = new AggregateRepository(store, () => randomUUID());
    const submittedAt = now().toISOString();
    const policy = await new PolicyRegisterReadModel(store).snapshot(calendarDateOf(submittedAt));
    const ids: string[] = [];
    for (const [index, seeded] of cases.entries()) {
      const applicationId = randomUUID();
      const application = new LicenceApplication(applicationId);
      application.submit({
        applicationId,
        licenceType: 'DSP-5',
        applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
        usmlCategories: ['XI'],
        valueUsd: 250000,
        majorDefenseEquipment: false,
        endUseCodes: seeded.endUseCodes ?? [],
        description: seeded.description ?? `Seeded case ${index}`,
        parties: seeded.parties,
        submittedAt,
        submittedBy: actor,
        policy,
      });
      await repository.save(licenceApplicationStream(applicationId), application, {
        actor,
        correlationId: randomUUID(),
        causationId: null,
      });
      ids.push(applicationId);
    }
    return ids;
  } finally {
    await store.close();
  }
}
