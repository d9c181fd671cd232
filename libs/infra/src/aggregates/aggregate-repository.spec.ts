import { CountryPolicy, countryPolicyStream, type RecordCountryStatusChange } from '@app/domain';
import { aStatusChange } from '@app/domain/testing/domain-builders';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { InMemoryEventStore } from '../event-store/in-memory/in-memory-event-store';
import { AggregateRepository } from './aggregate-repository';

const context = { actor: 'policy-admin-1', correlationId: 'c-1', causationId: null };

/** Cambodia's entry changed on `effectiveOn` (the domain's own builder). */
function change(effectiveOn: string, status: RecordCountryStatusChange['status']): RecordCountryStatusChange {
  const listed = status === 'denial-with-exceptions';
  return aStatusChange({ status, effectiveOn, paragraph: listed ? '(o)' : null, exceptions: listed ? aStatusChange().exceptions : [] });
}

describe('AggregateRepository', () => {
  let ids = 0;
  const repository = () => {
    const store = new InMemoryEventStore();
    return { store, repository: new AggregateRepository(store, () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`) };
  };
  const stream = countryPolicyStream('KH');

  it('moves a saved aggregate to its new revision, so the same instance can save again', async () => {
    const { store, repository: repo } = repository();
    const { aggregate } = await repo.load(stream, () => new CountryPolicy('KH'));
    aggregate.recordStatusChange(change('2026-01-01', 'denial-with-exceptions'));
    expect((await repo.save(stream, aggregate, context)).nextExpectedRevision).toBe(0n);
    expect(aggregate.revision).toBe(0n);

    aggregate.recordStatusChange(change('2026-02-01', 'not-listed'));
    expect((await repo.save(stream, aggregate, context)).nextExpectedRevision).toBe(1n);
    expect((await store.readStream(stream)).map((event) => event.data.policyVersion)).toEqual([1, 2]);
  });

  it('still refuses a save based on a revision another writer has moved past', async () => {
    const { repository: repo } = repository();
    const first = (await repo.load(stream, () => new CountryPolicy('KH'))).aggregate;
    const second = (await repo.load(stream, () => new CountryPolicy('KH'))).aggregate;
    first.recordStatusChange(change('2026-01-01', 'denial-with-exceptions'));
    await repo.save(stream, first, context);
    second.recordStatusChange(change('2026-01-01', 'denial'));
    await expect(repo.save(stream, second, context)).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });
});
