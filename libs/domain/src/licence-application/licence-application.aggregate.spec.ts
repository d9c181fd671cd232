import { IllegalTransitionError, InvalidCommandError } from '../kernel/domain-error';
import { givenAggregate } from '../testing/aggregate-specification';
import {
  aDetermination,
  aParagraphODenial,
  aParty,
  aSubmission,
  anEndUser,
  APPLICATION_ID,
  deepFreeze,
  givenCase as given,
  seededStatusChange,
  snapshotOn,
} from '../testing/domain-builders';
import { LicenceApplication } from './licence-application.aggregate';
import type { SubmitLicenceApplication } from './licence-application.commands';
import { decideSubmit } from './licence-application.decide';
import { LICENCE_APPLICATION_SUBMITTED } from './licence-application.events';

/** Cambodia's ¶(o) listing of 86 FR 70053, still in force on 2025-11-06 (the 2025 re-insertion was editorial). */
const KH_DENIAL_UNDER_PARAGRAPH_O = aParagraphODenial({
  citation: seededStatusChange('KH-2021-12-09-added').data.citation,
  policyVersion: 1,
  policyEffectiveOn: '2021-12-09',
});

const FR_CONSIGNEE_NOT_LISTED = aDetermination({ country: 'FR', roles: ['foreign-consignee'] });

/** A Cambodian end-user and a French consignee, submitted the day before Cambodia's removal. */
const cambodiaBeforeRemoval = (): SubmitLicenceApplication =>
  aSubmission({
    parties: [anEndUser('KH', 'Royal Cambodian Armed Forces'), aParty('foreign-consignee', 'FR', 'Thales Logistics')],
    submittedAt: '2025-11-06T14:00:00.000Z',
    policy: snapshotOn('2025-11-06'),
  });

describe('LicenceApplication.submit', () => {
  it('records exactly one LicenceApplicationSubmitted with every field, determination and flag', () => {
    const { policy: _snapshot, ...fields } = cambodiaBeforeRemoval();
    given()
      .when((application) => application.submit(cambodiaBeforeRemoval()))
      .then([
        {
          type: LICENCE_APPLICATION_SUBMITTED,
          data: {
            ...fields,
            policyDate: '2025-11-06',
            determinations: [KH_DENIAL_UNDER_PARAGRAPH_O, FR_CONSIGNEE_NOT_LISTED],
            reviewTrack: 'policy-of-denial',
            notificationDuty126_1e: true,
            congressionalNotification: {
              required: false,
              applicable: true,
              thresholdUsd: 50_000_000,
              basis: 'defense-articles-and-services',
              reviewPeriodDays: 30,
            },
          },
        },
      ]);
  });

  it('records the snapshot date as policyDate, not the submission instant', () => {
    const command = aSubmission({ submittedAt: '2025-11-09T01:00:00.000Z', policy: snapshotOn('2025-11-07') });
    const [event] = given().when((application) => application.submit(command)).aggregate.getUncommittedEvents();
    expect(event).toMatchObject({ data: { policyDate: '2025-11-07' } });
  });

  it('leaves the case submitted, with the determinations it recorded', () => {
    const application = given()
      .when((a) => a.submit(cambodiaBeforeRemoval()))
      .then([expect.objectContaining({ type: LICENCE_APPLICATION_SUBMITTED })]);
    expect(application.state).toMatchObject({
      applicationId: APPLICATION_ID,
      status: 'submitted',
      reviewTrack: 'policy-of-denial',
      policyDate: '2025-11-06',
      notificationDuty126_1e: true,
    });
    expect(application.state?.determinations.map((d) => [d.country, d.track, d.policyVersion])).toEqual([
      ['KH', 'policy-of-denial', 1],
      ['FR', 'case-by-case', 0],
    ]);
  });

  it('rehydrates a submitted case from its history', () => {
    const [submitted] = decideSubmit(null, aSubmission());
    const { aggregate } = given([submitted!]).when(() => undefined);
    expect(aggregate.state?.status).toBe('submitted');
    expect(aggregate.state?.reviewTrack).toBe('case-by-case');
    expect(aggregate.revision).toBe(0n);
  });
});

describe('submitting an application that was already submitted', () => {
  const history = () => decideSubmit(null, aSubmission());

  it('is refused as a conflict (ALREADY_SUBMITTED) and records nothing', () => {
    const error = given(history())
      .when((application) => application.submit(aSubmission()))
      .thenThrows('ALREADY_SUBMITTED');
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(APPLICATION_ID);
  });

  it('is refused as ALREADY_SUBMITTED even when the second command is also invalid', () => {
    given(history())
      .when((application) => application.submit(aSubmission({ usmlCategories: [] })))
      .thenThrows('ALREADY_SUBMITTED');
  });

  it('keeps the original case unchanged', () => {
    const { aggregate } = given(history()).when((a) => a.submit(aSubmission({ valueUsd: 99 })));
    expect(aggregate.state?.valueUsd).toBe(2_500_000);
  });
});

describe('an invalid application (INVALID_APPLICATION)', () => {
  const invalid = <T>(value: unknown) => value as T;

  it.each<[string, Partial<SubmitLicenceApplication>, string[]]>([
    ['no end-user', { parties: [aParty('foreign-consignee', 'FR')] }, ['parties']],
    ['no party at all', { parties: [] }, ['parties']],
    ['an empty USML list', { usmlCategories: [] }, ['usmlCategories']],
    ["USML category 'XXII'", { usmlCategories: ['XI', invalid('XXII')] }, ['usmlCategories[1]']],
    ["USML category '11' (arabic)", { usmlCategories: [invalid('11')] }, ['usmlCategories[0]']],
    ['a negative value', { valueUsd: -1 }, ['valueUsd']],
    ['a NaN value', { valueUsd: Number.NaN }, ['valueUsd']],
    ['an infinite value', { valueUsd: Number.POSITIVE_INFINITY }, ['valueUsd']],
    ['a US party', { parties: [anEndUser('FR'), aParty('foreign-consignee', 'US')] }, ['parties[1].country']],
    ["a lower-case country 'fr'", { parties: [anEndUser('fr')] }, ['parties[0].country']],
    ["an alpha-3 country 'FRA'", { parties: [anEndUser('FRA')] }, ['parties[0].country']],
    ['an empty party name', { parties: [anEndUser('FR', ' ')] }, ['parties[0].name']],
    ['an unknown party role', { parties: [anEndUser('FR'), aParty(invalid('shipper'), 'DE')] }, ['parties[1].role']],
    ['an unknown end-use code', { endUseCodes: ['humanitarian-demining', invalid('space-tourism')] }, ['endUseCodes[1]']],
    ['an unknown licence type', { licenceType: invalid('DSP-9') }, ['licenceType']],
    ['an empty applicant name', { applicant: { name: '  ', registrationCode: 'M12345' } }, ['applicant.name']],
    ['an empty registration code', { applicant: { name: 'Acme', registrationCode: '' } }, ['applicant.registrationCode']],
  ])('%s is rejected on exactly the offending field', (_label, overrides, fields) => {
    const error = given()
      .when((application) => application.submit(aSubmission(overrides)))
      .thenThrows('INVALID_APPLICATION', fields);
    expect(error).toBeInstanceOf(InvalidCommandError);
    expect(error.kind).toBe('invalid');
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('reports every offending field at once and leaves the case unsubmitted', () => {
    const command = aSubmission({
      licenceType: invalid('DSP-9'),
      usmlCategories: [],
      valueUsd: -5,
      parties: [aParty('foreign-consignee', 'US')],
    });
    const result = given().when((application) => application.submit(command));
    result.thenThrows('INVALID_APPLICATION', ['licenceType', 'usmlCategories', 'valueUsd', 'parties', 'parties[0].country']);
    expect(result.aggregate.state).toBeNull();
  });

  it('accepts a zero value (a no-charge transfer)', () => {
    const [event] = decideSubmit(null, aSubmission({ valueUsd: 0 }));
    expect(event?.data.valueUsd).toBe(0);
  });
});

describe('the submit decision is pure', () => {
  it('produces deep-equal events for the same inputs', () => {
    const command = cambodiaBeforeRemoval();
    expect(decideSubmit(null, command)).toEqual(decideSubmit(null, command));
  });

  it('does not mutate the command (deep-frozen, and unchanged afterwards)', () => {
    const command = cambodiaBeforeRemoval();
    const before = structuredClone(command);
    deepFreeze(command);
    expect(() => decideSubmit(null, command)).not.toThrow();
    expect(command).toEqual(before);
  });

  it('copies the command into the event, so later changes to the command do not leak into it', () => {
    const parties = [anEndUser('FR', 'DGA')];
    const usmlCategories: SubmitLicenceApplication['usmlCategories'] = ['XI'];
    const [event] = decideSubmit(null, aSubmission({ parties, usmlCategories }));
    (parties as { name: string }[])[0]!.name = 'changed';
    (usmlCategories as string[]).push('IV');
    expect(event?.data.parties).toEqual([{ role: 'end-user', name: 'DGA', country: 'FR' }]);
    expect(event?.data.usmlCategories).toEqual(['XI']);
  });
});

describe('LicenceApplication addressed with another id', () => {
  it('refuses a command whose applicationId is not the aggregate id, producing nothing', () => {
    givenAggregate(() => new LicenceApplication('8b7c1a52-0000-4000-8000-000000000099'))
      .when((application) => application.submit(aSubmission()))
      .thenThrows('COMMAND_TARGET_MISMATCH', ['applicationId']);
  });
});
