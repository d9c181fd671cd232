import { CASE_ASSIGNED, LicenceApplication, licenceApplicationStream, type LicenceApplicationEvent } from '@app/domain';
import {
  aCase,
  anApproval,
  anAssignment,
  aDenial,
  APPLICATION_ID,
  aSubmission,
  historyIn,
  LIFECYCLE_AT,
  OFFICER,
  OTHER_OFFICER,
  SUPERVISOR,
} from '@app/domain/testing/domain-builders';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { CommandContext } from './aggregate-repository';
import { runStreamCommand, type LoadedStream, type StreamCommand } from './stream-command';
import { StreamSpecification } from './testing/stream-specification';

const stream = licenceApplicationStream(APPLICATION_ID);
const context: CommandContext = { actor: SUPERVISOR, correlationId: 'corr-1', causationId: null };

/** The event `assign` records on a submitted case (no officer before). */
const assigned = (officerId: string, previousOfficerId: string | null = null): LicenceApplicationEvent => ({
  type: CASE_ASSIGNED,
  data: { applicationId: APPLICATION_ID, officerId, previousOfficerId, assignedAt: LIFECYCLE_AT.assigned, assignedBy: SUPERVISOR },
});

/** A command assigning the case to `officerId`; the result is the attempt that decided it. */
function assign(officerId: string, overrides: Partial<StreamCommand<LicenceApplication, number>> = {}): StreamCommand<LicenceApplication, number> {
  return {
    stream,
    create: () => new LicenceApplication(APPLICATION_ID),
    context,
    decide: (application, loaded) => {
      application.assign(anAssignment({ officerId }));
      return loaded.attempt;
    },
    ...overrides,
  };
}

describe('runStreamCommand', () => {
  let spec: StreamSpecification;
  beforeEach(() => {
    spec = new StreamSpecification();
  });

  it('starts a new stream without reading it and appends with no-stream', async () => {
    const readStream = jest.spyOn(spec.store, 'readStream');
    const outcome = await spec.when(() =>
      runStreamCommand(spec.repository, {
        stream,
        create: () => new LicenceApplication(APPLICATION_ID),
        newStream: true,
        context,
        decide: (application, loaded) => {
          expect(loaded).toEqual({ events: [], revision: null, attempt: 1 });
          application.submit(aSubmission());
        },
      }),
    );
    const { saved, aggregate } = outcome.thenAppends(aCase().events);
    expect(readStream).not.toHaveBeenCalled();
    expect(saved?.nextExpectedRevision).toBe(0n);
    expect(aggregate.state?.status).toBe('submitted');
    expect(aggregate.revision).toBe(0n);
  });

  it('loads the stream, decides on its state and appends with the loaded revision, under the command context', async () => {
    await spec.given(stream, aCase().events);
    const outcome = await spec.when(() => runStreamCommand(spec.repository, assign(OFFICER)));
    const { saved, aggregate, result } = outcome.thenAppends([assigned(OFFICER)]);
    expect(result).toBe(1);
    expect(saved).toMatchObject({ nextExpectedRevision: 1n, position: outcome.appended[0]!.position });
    expect(aggregate.state?.assignee).toBe(OFFICER);
    expect(outcome.appended[0]!.metadata).toMatchObject({ actor: SUPERVISOR, correlationId: 'corr-1', causationId: null });
  });

  it('appends nothing when the decision produces no event, and answers the decision', async () => {
    await spec.given(stream, aCase().events);
    const outcome = await spec.when(() =>
      runStreamCommand(spec.repository, { ...assign(OFFICER), decide: (_application, loaded: LoadedStream) => loaded.revision }),
    );
    expect(outcome.thenAppends([])).toMatchObject({ result: 0n, saved: null });
  });

  it('decides a command that lost the race again on the winner’s state', async () => {
    await spec.given(stream, aCase().events);
    spec.rivalBeforeNextAppend(() => spec.given(stream, [assigned(OTHER_OFFICER)]));
    const outcome = await spec.when(() => runStreamCommand(spec.repository, assign(OFFICER)));
    const { result, saved } = outcome.thenAppends([assigned(OFFICER, OTHER_OFFICER)]);
    expect(result).toBe(2);
    expect(saved?.nextExpectedRevision).toBe(2n);
  });

  it('lets the re-decision refuse on the aggregate’s rules rather than overwrite the winner', async () => {
    await spec.given(stream, historyIn('under-review').events);
    spec.rivalBeforeNextAppend(() => spec.given(stream, historyIn('under-review').approved().events.slice(-1)));
    const outcome = await spec.when(() =>
      runStreamCommand(spec.repository, { ...assign(OFFICER), decide: (application) => application.deny(aDenial()) }),
    );
    outcome.thenThrows('CASE_ALREADY_DECIDED');
  });

  it('stops at a conflict hook that throws, without deciding again', async () => {
    await spec.given(stream, aCase().events);
    spec.rivalBeforeNextAppend(() => spec.given(stream, [assigned(OTHER_OFFICER)]));
    const decide = jest.fn((application: LicenceApplication) => application.assign(anAssignment()));
    const seen: Array<[bigint | null, bigint | null]> = [];
    const outcome = await spec.when(() =>
      runStreamCommand(spec.repository, {
        ...assign(OFFICER),
        decide,
        onConflict: (error, loaded) => {
          seen.push([error.actualRevision, loaded.revision]);
          throw Object.assign(new Error('precondition failed'), { code: 'PRECONDITION_FAILED' });
        },
      }),
    );
    outcome.thenThrows('PRECONDITION_FAILED');
    expect(decide).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([[1n, 0n]]);
  });

  it('rethrows the conflict once maxAttempts decisions have all lost their race', async () => {
    await spec.given(stream, aCase().events);
    const officers = ['officer-1', 'officer-2'];
    let previous: string | null = null;
    for (const officerId of officers) {
      const before: string | null = previous;
      spec.rivalBeforeNextAppend(() => spec.given(stream, [assigned(officerId, before)]));
      previous = officerId;
    }
    const decide = jest.fn((application: LicenceApplication) => application.assign(anAssignment()));
    const outcome = await spec.when(() => runStreamCommand(spec.repository, { ...assign(OFFICER), decide, maxAttempts: 2 }));
    expect(outcome.thenThrows('WRONG_EXPECTED_VERSION')).toBeInstanceOf(WrongExpectedVersionError);
    expect(decide).toHaveBeenCalledTimes(2);
  });

  it('makes a retried append idempotent with deterministic event ids: the same decision is stored once', async () => {
    await spec.given(stream, historyIn('under-review').events);
    const approve: StreamCommand<LicenceApplication, void> = {
      stream,
      create: () => new LicenceApplication(APPLICATION_ID),
      context,
      decide: (application) => application.approve(anApproval()),
      eventIds: (events) => events.map((event, index) => `approval-of-${APPLICATION_ID}-${event.type}-${index}`),
    };
    // The same command, run elsewhere (a second replica, an earlier attempt whose answer was lost), appends first.
    let rival: Awaited<ReturnType<typeof runStreamCommand>> | undefined;
    spec.rivalBeforeNextAppend(async () => {
      rival = await runStreamCommand(spec.repository, approve);
    });
    const outcome = await spec.when(() => runStreamCommand(spec.repository, approve));
    const { saved, aggregate } = outcome.thenAppends(historyIn('under-review').approved().events.slice(-1));
    expect(outcome.appended.map((event) => event.id)).toEqual([`approval-of-${APPLICATION_ID}-LicenceApproved-0`]);
    expect(saved).toEqual(rival?.saved);
    expect(aggregate.state?.status).toBe('approved');
  });
});
