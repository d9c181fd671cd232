import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { calendarDateOf, LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository, type EventStore } from '@app/infra';
import { PolicyRegisterReadModel } from '../apps/api/src/country-policy/register/policy-register.read-model';
import { loadCaseView } from '../apps/api/src/licence-applications/case-view/load-case';

/** A case with `events` events (a submission, then re-assignments), and the instant of its last event. */
export interface LongCase {
  readonly id: string;
  readonly lastRecordedAt: string;
}

/**
 * Writes a case of `events` events through the store, one append per command as the server would (so each has its
 * own `recordedAt`): a submission to the United Kingdom, then re-assignments between two officers.
 */
export async function writeLongCase(store: EventStore, events: number): Promise<LongCase> {
  const repository = new AggregateRepository(store, () => randomUUID());
  const id = randomUUID();
  const stream = licenceApplicationStream(id);
  const now = new Date().toISOString();
  const application = new LicenceApplication(id);
  application.submit({
    applicationId: id,
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
    usmlCategories: ['XII'],
    valueUsd: 1_250_000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Night vision goggles',
    parties: [{ role: 'end-user', name: 'British Army', country: 'GB' }],
    submittedAt: now,
    submittedBy: 'intake-1',
    policy: await new PolicyRegisterReadModel(store).snapshot(calendarDateOf(now)),
  });
  let saved = await repository.save(stream, application, { actor: 'intake-1', correlationId: randomUUID(), causationId: null });
  for (let index = 1; index < events; index += 1) {
    application.assign({ applicationId: id, officerId: `officer-${index % 2}`, at: new Date().toISOString(), by: 'supervisor-1' });
    saved = await repository.save(stream, application, { actor: 'supervisor-1', correlationId: randomUUID(), causationId: null });
  }
  return { id, lastRecordedAt: saved.recordedAt };
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/** Milliseconds per call of `operation`, `samples` times after a warm-up. */
export async function latency(samples: number, operation: () => Promise<unknown>): Promise<Latency> {
  for (let index = 0; index < Math.min(50, samples); index += 1) await operation();
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(samples * 0.5)]!, p99: times[Math.min(samples - 1, Math.floor(samples * 0.99))]! };
}

/** The `?asOf` fold as GET /applications/:id runs it (loadCaseView), in this process. */
export function foldAsOf(store: EventStore, longCase: LongCase): () => Promise<unknown> {
  const repository = new AggregateRepository(store, () => randomUUID());
  return () => loadCaseView(repository, longCase.id, longCase.lastRecordedAt);
}
