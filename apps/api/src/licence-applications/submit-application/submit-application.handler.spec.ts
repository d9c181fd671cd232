import {
  buildPolicySnapshot,
  countryPolicyStream,
  decideSubmit,
  initialLicenceApplicationState,
  licenceApplicationStream,
  type SubmitLicenceApplication,
} from '@app/domain';
import { aStatusChange, countryStateAfter, recordedEvents } from '@app/domain/testing/domain-builders';
import { StreamSpecification } from '@app/infra/aggregates/testing/stream-specification';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { nameBasedUuid } from '../../shared/ids';
import { idempotencyName, type RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import { SubmitApplicationCommand } from './submit-application.command';
import { SubmitApplicationHandler } from './submit-application.handler';
import type { SubmitApplicationRequest } from './submit-application.request.dto';

const NOW = '2026-03-10T09:00:00.000Z';
const NEW_ID = '7c501e6f-22ff-4371-84e7-3b31bfa7c011';
const context = { actor: 'intake-ivy', correlationId: 'corr-3', causationId: null };

/** Mine detection equipment for the Cambodian Mine Action Centre, through a freight forwarder in France. */
const request: SubmitApplicationRequest = {
  licenceType: 'DSP-5',
  applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
  usmlCategories: ['XI'],
  valueUsd: 250_000,
  endUseCodes: ['humanitarian-demining'],
  description: 'Mine detection equipment',
  parties: [
    { role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' },
    { role: 'intermediate-consignee', name: 'Fret SA', country: 'FR' },
  ],
};

/** Cambodia on §126.1 Table 2 with its paragraph (o) exceptions (22 CFR §126.1(d)(2), (o)), as the given register. */
const cambodiaListed = aStatusChange();

/** The event the case records for `request`, decided on the register in force on NOW's date. */
function submittedEvents(applicationId: string) {
  const command: SubmitLicenceApplication = {
    applicationId,
    ...request,
    majorDefenseEquipment: false,
    endUseCodes: request.endUseCodes ?? [],
    submittedAt: NOW,
    submittedBy: context.actor,
    policy: buildPolicySnapshot({ KH: countryStateAfter(cambodiaListed) }, '2026-03-10'),
  };
  return decideSubmit(initialLicenceApplicationState, command);
}

describe('SubmitApplicationHandler', () => {
  let spec: StreamSpecification;
  let waitedFor: string[];
  let handler: SubmitApplicationHandler;

  beforeEach(async () => {
    spec = new StreamSpecification();
    waitedFor = [];
    handler = new SubmitApplicationHandler(
      spec.repository,
      new PolicyRegisterReadModel(spec.store),
      { now: () => new Date(NOW) },
      () => NEW_ID,
      { waitForPosition: async (position) => void waitedFor.push(position) },
    );
    await spec.given(countryPolicyStream('KH'), recordedEvents(cambodiaListed));
  });

  it('opens a case under a new id, determined against the register in force today, without reading the new stream', async () => {
    const readStream = jest.spyOn(spec.store, 'readStream');
    const outcome = await spec.when(() => handler.execute(new SubmitApplicationCommand(request, context)));
    const view = outcome.thenAppends(submittedEvents(NEW_ID));
    const [event] = outcome.appended;
    expect(event).toMatchObject({ streamName: licenceApplicationStream(NEW_ID), revision: 0n, metadata: { actor: 'intake-ivy', correlationId: 'corr-3' } });
    expect(readStream).not.toHaveBeenCalled();
    expect(waitedFor).toEqual([event!.position]);
    expect(view).toMatchObject({ id: NEW_ID, status: 'submitted', policyDate: '2026-03-10', revision: 0, lastRecordedAt: event!.recordedAt });
    // Table 2 with an exception covering every end use: case by case (22 CFR §126.1(d)(2)).
    expect(view.determinations[0]).toMatchObject({ country: 'KH', policyStatus: 'denial-with-exceptions', policyVersion: 1, track: 'case-by-case' });
  });

  describe('under an Idempotency-Key', () => {
    const idempotency: RequestIdempotency = { sub: 'intake-ivy', scope: 'POST /applications', key: 'key-1' };
    const derivedId = nameBasedUuid(idempotencyName(idempotency));

    it('opens the case under the id derived from (caller, route, key)', async () => {
      const outcome = await spec.when(() => handler.execute(new SubmitApplicationCommand(request, context, idempotency)));
      expect(outcome.thenAppends(submittedEvents(derivedId)).id).toBe(derivedId);
      expect(outcome.appended[0]!.streamName).toBe(licenceApplicationStream(derivedId));
    });

    it('refuses a retry whose first answer was lost (ALREADY_SUBMITTED) instead of opening a second case', async () => {
      await spec.given(licenceApplicationStream(derivedId), submittedEvents(derivedId));
      const outcome = await spec.when(() => handler.execute(new SubmitApplicationCommand(request, context, idempotency)));
      outcome.thenThrows('ALREADY_SUBMITTED');
      expect(waitedFor).toEqual([]);
    });
  });
});
