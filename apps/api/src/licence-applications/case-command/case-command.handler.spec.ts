import { CASE_ASSIGNED, licenceApplicationStream } from '@app/domain';
import {
  aCase,
  APPLICATION_ID,
  historyIn,
  INTAKE,
  OFFICER,
  OTHER_OFFICER,
  SUPERVISOR,
  type CaseHistory,
} from '@app/domain/testing/domain-builders';
import { StreamSpecification } from '@app/infra/aggregates/testing/stream-specification';
import { parseIfMatch } from '../../shared/http/if-match';
import type { ProblemException } from '../../shared/http/problem';
import { AnswerReferralCommand } from '../answer-referral/answer-referral.command';
import { ApproveLicenceCommand } from '../approve-licence/approve-licence.command';
import { AssignCaseCommand } from '../assign-case/assign-case.command';
import { DenyLicenceCommand } from '../deny-licence/deny-licence.command';
import { ExpireLicenceCommand } from '../expire-licences/expire-licence.command';
import { LICENCE_EXPIRY_ACTOR } from '../expire-licences/licence-expiry.scheduler';
import { ReferCaseCommand } from '../refer-case/refer-case.command';
import { ReturnApplicationCommand } from '../return-application/return-application.command';
import { RevokeLicenceCommand } from '../revoke-licence/revoke-licence.command';
import { SuspendLicenceCommand } from '../suspend-licence/suspend-licence.command';
import { WithdrawApplicationCommand } from '../withdraw-application/withdraw-application.command';
import type { CaseCall } from './case-call.decorator';
import type { CaseCommand } from './case-command';
import { CaseCommandHandler } from './case-command.handler';

/** The instant the handler's clock reads: every decision is stamped with it. */
const NOW = '2026-03-10T09:00:00.000Z';
const stream = licenceApplicationStream(APPLICATION_ID);

const call = (actor: string, ifMatch?: string): CaseCall => ({
  ifMatch: parseIfMatch(ifMatch),
  context: { actor, correlationId: 'corr-7', causationId: null },
});

const reason = { reason: 'Stated in the file' };

describe('CaseCommandHandler', () => {
  let spec: StreamSpecification;
  let waitedFor: string[];
  let handler: CaseCommandHandler;

  beforeEach(() => {
    spec = new StreamSpecification();
    waitedFor = [];
    handler = new CaseCommandHandler(spec.repository, { now: () => new Date(NOW) }, { waitForPosition: async (position) => void waitedFor.push(position) });
  });

  const givenCase = (history: CaseHistory) => spec.given(stream, history.events);

  it('assigns a submitted case: appends CaseAssigned under the caller, waits for the read models, answers the view', async () => {
    await givenCase(aCase());
    const outcome = await spec.when(() => handler.execute(new AssignCaseCommand(APPLICATION_ID, call(SUPERVISOR), { officerId: OFFICER })));
    const view = outcome.thenAppends([
      {
        type: CASE_ASSIGNED,
        data: { applicationId: APPLICATION_ID, officerId: OFFICER, previousOfficerId: null, assignedAt: NOW, assignedBy: SUPERVISOR },
      },
    ]);
    const [event] = outcome.appended;
    expect(event!.metadata).toMatchObject({ actor: SUPERVISOR, correlationId: 'corr-7', causationId: null });
    expect(waitedFor).toEqual([event!.position]);
    expect(view).toMatchObject({ id: APPLICATION_ID, status: 'under-review', assignee: OFFICER, revision: 1, lastRecordedAt: event!.recordedAt });
  });

  // Each command as the controller (or the expiry scheduler) builds it, and the event the case records for it.
  it.each<[string, CaseHistory, () => CaseCommand, (history: CaseHistory) => CaseHistory]>([
    [
      'refer',
      historyIn('under-review'),
      () => new ReferCaseCommand(APPLICATION_ID, call(OFFICER), { agency: 'DTSA' }),
      (history) => history.referred({ agency: 'DTSA', at: NOW, by: OFFICER }),
    ],
    [
      'answer a referral',
      historyIn('referred'),
      () => new AnswerReferralCommand(APPLICATION_ID, 'DTSA', call(OFFICER), { recommendation: 'approve-with-provisos', provisos: ['No retransfer'] }),
      (history) => history.answered({ recommendation: 'approve-with-provisos', provisos: ['No retransfer'], at: NOW, by: OFFICER }),
    ],
    [
      'answer a referral without provisos',
      historyIn('referred'),
      () => new AnswerReferralCommand(APPLICATION_ID, 'DTSA', call(OFFICER), { recommendation: 'approve' }),
      (history) => history.answered({ recommendation: 'approve', provisos: [], at: NOW, by: OFFICER }),
    ],
    [
      'approve with provisos and a validity',
      historyIn('under-review'),
      () => new ApproveLicenceCommand(APPLICATION_ID, call(OFFICER), { provisos: ['No retransfer'], validUntil: '2028-03-09' }),
      (history) => history.approved({ provisos: ['No retransfer'], validUntil: '2028-03-09', at: NOW, by: OFFICER }),
    ],
    [
      'approve with the default validity',
      historyIn('under-review'),
      () => new ApproveLicenceCommand(APPLICATION_ID, call(OFFICER), {}),
      (history) => history.approved({ provisos: [], at: NOW, by: OFFICER }),
    ],
    [
      'deny',
      historyIn('under-review'),
      () => new DenyLicenceCommand(APPLICATION_ID, call(OFFICER), reason),
      (history) => history.denied({ ...reason, at: NOW, by: OFFICER }),
    ],
    [
      'return without action',
      aCase(),
      () => new ReturnApplicationCommand(APPLICATION_ID, call(OFFICER), reason),
      (history) => history.returned({ ...reason, at: NOW, by: OFFICER }),
    ],
    [
      'withdraw',
      aCase(),
      () => new WithdrawApplicationCommand(APPLICATION_ID, call(INTAKE), reason),
      (history) => history.withdrawn({ ...reason, at: NOW, by: INTAKE }),
    ],
    [
      'suspend',
      historyIn('approved'),
      () => new SuspendLicenceCommand(APPLICATION_ID, call(SUPERVISOR), reason),
      (history) => history.suspended({ ...reason, at: NOW, by: SUPERVISOR }),
    ],
    [
      'revoke',
      historyIn('suspended'),
      () => new RevokeLicenceCommand(APPLICATION_ID, call(SUPERVISOR), reason),
      (history) => history.revoked({ ...reason, at: NOW, by: SUPERVISOR }),
    ],
    [
      'expire (the scheduler)',
      historyIn('approved'),
      () => new ExpireLicenceCommand(APPLICATION_ID, '2029-11-25', { actor: LICENCE_EXPIRY_ACTOR, correlationId: 'licence-expiry:2029-11-25', causationId: null }),
      (history) => history.expired({ today: '2029-11-25', at: NOW, by: LICENCE_EXPIRY_ACTOR }),
    ],
  ])('%s: appends exactly the event the case decides for the command', async (_name, history, command, expected) => {
    await givenCase(history);
    const outcome = await spec.when(() => handler.execute(command()));
    const view = outcome.thenAppends(expected(history).events.slice(history.events.length));
    expect(view.revision).toBe(history.events.length);
    expect(waitedFor).toEqual(outcome.appended.map((event) => event.position));
  });

  it('refuses a command the case’s rules forbid (409 code of the domain) and appends nothing', async () => {
    await givenCase(historyIn('denied'));
    const outcome = await spec.when(() => handler.execute(new AssignCaseCommand(APPLICATION_ID, call(SUPERVISOR), { officerId: OTHER_OFFICER })));
    outcome.thenThrows('CASE_ALREADY_DECIDED');
    expect(waitedFor).toEqual([]);
  });

  it('answers 404 APPLICATION_NOT_FOUND for a case with no stream, and for an id that is not a uuid without reading', async () => {
    const readStream = jest.spyOn(spec.store, 'readStream');
    (await spec.when(() => handler.execute(new DenyLicenceCommand(APPLICATION_ID, call(OFFICER), reason)))).thenThrows('APPLICATION_NOT_FOUND');
    expect(readStream).toHaveBeenCalledTimes(1);
    (await spec.when(() => handler.execute(new DenyLicenceCommand('not-a-uuid', call(OFFICER), reason)))).thenThrows('APPLICATION_NOT_FOUND');
    expect(readStream).toHaveBeenCalledTimes(1);
  });

  describe('If-Match', () => {
    it('runs the command when it names the loaded revision (quoted or not, in a list) or is *', async () => {
      await givenCase(historyIn('under-review'));
      for (const [ifMatch, officerId] of [['"1"', OTHER_OFFICER], ['"0", 2', OFFICER], ['*', OTHER_OFFICER]] as const) {
        const outcome = await spec.when(() => handler.execute(new AssignCaseCommand(APPLICATION_ID, call(SUPERVISOR, ifMatch), { officerId })));
        expect(outcome.thenAppends([expect.objectContaining({ type: CASE_ASSIGNED })]).assignee).toBe(officerId);
      }
    });

    it('answers 412 PRECONDITION_FAILED with the current revision as ETag when it names another, and appends nothing', async () => {
      await givenCase(historyIn('under-review'));
      const outcome = await spec.when(() => handler.execute(new DenyLicenceCommand(APPLICATION_ID, call(OFFICER, '"0"'), reason)));
      expect((outcome.thenThrows('PRECONDITION_FAILED') as ProblemException).headers).toEqual({ ETag: '"1"' });
    });

    it('answers 412 naming the winner’s revision when the command loses its race, instead of deciding again', async () => {
      await givenCase(historyIn('under-review'));
      spec.rivalBeforeNextAppend(() => spec.given(stream, historyIn('under-review').referred().events.slice(-1)));
      const outcome = await spec.when(() => handler.execute(new DenyLicenceCommand(APPLICATION_ID, call(OFFICER, '"1"'), reason)));
      expect((outcome.thenThrows('PRECONDITION_FAILED') as ProblemException).headers).toEqual({ ETag: '"2"' });
    });
  });

  describe('without If-Match, a command that lost its race is decided again on the winner’s state', () => {
    it('so a re-assignment names the officer the winner assigned', async () => {
      await givenCase(aCase());
      spec.rivalBeforeNextAppend(() => spec.given(stream, aCase().assigned({ officerId: OTHER_OFFICER }).events.slice(-1)));
      const outcome = await spec.when(() => handler.execute(new AssignCaseCommand(APPLICATION_ID, call(SUPERVISOR), { officerId: OFFICER })));
      const view = outcome.thenAppends(aCase().assigned({ officerId: OTHER_OFFICER }).assigned({ at: NOW, by: SUPERVISOR }).events.slice(-1));
      expect(view).toMatchObject({ assignee: OFFICER, revision: 2 });
    });

    it('so a second final decision is refused (CASE_ALREADY_DECIDED) rather than overwriting the first', async () => {
      await givenCase(historyIn('under-review'));
      spec.rivalBeforeNextAppend(() => spec.given(stream, historyIn('approved').events.slice(-1)));
      const outcome = await spec.when(() => handler.execute(new DenyLicenceCommand(APPLICATION_ID, call(OFFICER), reason)));
      outcome.thenThrows('CASE_ALREADY_DECIDED');
    });
  });
});
