import { countryPolicyStream, type RecordCountryStatusChange } from '@app/domain';
import { aRemoval, aStatusChange, recordedEvents } from '@app/domain/testing/domain-builders';
import { StreamSpecification } from '@app/infra/aggregates/testing/stream-specification';
import { reevaluationIdFor } from '../../reevaluation/reevaluation-ids';
import { nameBasedUuid } from '../../shared/ids';
import { idempotencyName, type RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import { RecordStatusChangeCommand, RecordStatusChangeHandler } from './record-status-change.command';
import type { RecordStatusChangeRequest } from './record-status-change.request.dto';

const context = { actor: 'policy-admin-1', correlationId: 'corr-9', causationId: null };
const stream = countryPolicyStream('KH');

/** Cambodia on §126.1 Table 2, paragraph (o) (86 FR 70053): the country's recorded history. */
const listing = aStatusChange();

/** Cambodia's removal from §126.1 (FR Doc 2025-19822), as a policy administrator posts it. */
const removal: RecordStatusChangeRequest = {
  status: 'not-listed',
  citation: { frDocument: '2025-19822', publishedOn: '2025-11-07' },
  effectiveOn: '2025-11-07',
  reason: 'Removed from §126.1',
};

/** The domain command the handler should decide for `removal` on Cambodia's stream (its name is the recorded one). */
const removalCommand: RecordCountryStatusChange = aRemoval();

describe('RecordStatusChangeHandler', () => {
  let spec: StreamSpecification;
  let waitedFor: string[];
  let changeIds: string[];
  let handler: RecordStatusChangeHandler;

  beforeEach(async () => {
    spec = new StreamSpecification();
    waitedFor = [];
    changeIds = ['0e3c4b6a-1f2d-4c5e-8a7b-9c0d1e2f3a01', '0e3c4b6a-1f2d-4c5e-8a7b-9c0d1e2f3a02'];
    handler = new RecordStatusChangeHandler(spec.repository, () => changeIds.shift()!, {
      waitForPosition: async (position) => void waitedFor.push(position),
    });
    await spec.given(stream, recordedEvents(listing));
  });

  const record = (request: RecordStatusChangeRequest, idempotency?: RequestIdempotency, countryCode = 'KH') =>
    spec.when(() => handler.execute(new RecordStatusChangeCommand(countryCode, request, context, idempotency)));

  it('records the change as the next version of the country, under a new event id, and names the run it schedules', async () => {
    const outcome = await record(removal);
    const answer = outcome.thenAppends(recordedEvents(listing, removalCommand).slice(1));
    const [event] = outcome.appended;
    expect(event).toMatchObject({ id: '0e3c4b6a-1f2d-4c5e-8a7b-9c0d1e2f3a01', revision: 1n, metadata: { actor: 'policy-admin-1', correlationId: 'corr-9' } });
    expect(waitedFor).toEqual([event!.position]);
    expect(answer).toEqual({
      changeId: event!.id,
      reevaluationId: reevaluationIdFor(event!.id),
      countryCode: 'KH',
      policyVersion: 2,
      from: 'denial-with-exceptions',
      to: 'not-listed',
      effectiveOn: '2025-11-07',
      recordedAt: event!.recordedAt,
      reevaluationStatus: 'scheduled',
    });
  });

  it('names a country recorded for the first time by its English name', async () => {
    const outcome = await record({ ...removal, status: 'denial' }, undefined, 'HT');
    outcome.thenAppends(recordedEvents({ ...removalCommand, countryCode: 'HT', countryName: 'Haiti', status: 'denial' }));
  });

  it('refuses a change effective before the latest recorded one (OUT_OF_ORDER_CHANGE) and appends nothing', async () => {
    const outcome = await record({ ...removal, effectiveOn: '2021-01-01' });
    outcome.thenThrows('OUT_OF_ORDER_CHANGE');
    expect(waitedFor).toEqual([]);
  });

  describe('under an Idempotency-Key', () => {
    const idempotency: RequestIdempotency = { sub: 'policy-admin-1', scope: 'POST /countries/KH/status-changes', key: 'k-1' };
    const derivedId = nameBasedUuid(idempotencyName(idempotency));

    it('records the change under the id derived from the key, and a retry answers it again without appending', async () => {
      const first = (await record(removal, idempotency)).thenAppends(recordedEvents(listing, removalCommand).slice(1));
      expect(first.changeId).toBe(derivedId);
      const retry = await record(removal, idempotency);
      expect(retry.thenAppends([])).toEqual(first);
      expect(waitedFor).toHaveLength(2);
      expect(waitedFor[1]).toBe(waitedFor[0]);
    });
  });

  describe('when another administrator records a change for the country first', () => {
    const later: RecordCountryStatusChange = { ...listing, effectiveOn: '2025-12-01', reason: 'Exceptions confirmed' };

    it('decides the change again on the fresh entries: it becomes the version after the winner’s', async () => {
      spec.rivalBeforeNextAppend(() => spec.given(stream, recordedEvents(listing, { ...listing, effectiveOn: '2025-10-01' }).slice(1)));
      const outcome = await record(removal);
      const expected = recordedEvents(listing, { ...listing, effectiveOn: '2025-10-01' }, removalCommand).slice(2);
      expect(outcome.thenAppends(expected)).toMatchObject({ policyVersion: 3, from: 'denial-with-exceptions' });
    });

    it('refuses it when the winner’s change is effective after it (OUT_OF_ORDER_CHANGE)', async () => {
      spec.rivalBeforeNextAppend(() => spec.given(stream, recordedEvents(listing, later).slice(1)));
      (await record(removal)).thenThrows('OUT_OF_ORDER_CHANGE');
    });
  });
});
