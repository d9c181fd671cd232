import {
  aCase,
  anAssignment,
  APPLICATION_ID,
  givenCase,
  historyIn,
  LIFECYCLE_AT,
  OFFICER,
  OTHER_OFFICER,
  SUPERVISOR,
} from '../testing/domain-builders';
import { CASE_ASSIGNED } from './licence-application.events';
import type { CaseStatus } from './licence-application.types';

describe('LicenceApplication.assign', () => {
  it('assigns a submitted case, recording CaseAssigned with no previous officer, and starts the review', () => {
    const application = givenCase(aCase())
      .when((a) => a.assign(anAssignment()))
      .then([
        {
          type: CASE_ASSIGNED,
          data: {
            applicationId: APPLICATION_ID,
            officerId: OFFICER,
            previousOfficerId: null,
            assignedAt: LIFECYCLE_AT.assigned,
            assignedBy: SUPERVISOR,
          },
        },
      ]);
    expect(application.state).toMatchObject({
      status: 'under-review',
      assignee: OFFICER,
      referrals: [],
      decision: null,
      licence: null,
      lastChangedAt: LIFECYCLE_AT.assigned,
    });
  });

  it.each<[CaseStatus]>([['under-review'], ['referred']])(
    're-assigns a case %s to another officer, naming the previous one, and keeps its status',
    (status) => {
      const application = givenCase(historyIn(status))
        .when((a) => a.assign(anAssignment({ officerId: OTHER_OFFICER, at: LIFECYCLE_AT.answered })))
        .then([
          {
            type: CASE_ASSIGNED,
            data: {
              applicationId: APPLICATION_ID,
              officerId: OTHER_OFFICER,
              previousOfficerId: OFFICER,
              assignedAt: LIFECYCLE_AT.answered,
              assignedBy: SUPERVISOR,
            },
          },
        ]);
      expect(application.state?.status).toBe(status);
      expect(application.state?.assignee).toBe(OTHER_OFFICER);
      expect(application.state?.lastChangedAt).toBe(LIFECYCLE_AT.answered);
    },
  );

  it.each<[CaseStatus]>([['under-review'], ['referred']])(
    'refuses to assign a case %s to the officer it is already assigned to (ALREADY_ASSIGNED)',
    (status) => {
      const error = givenCase(historyIn(status)).when((a) => a.assign(anAssignment())).thenThrows('ALREADY_ASSIGNED');
      expect(error.kind).toBe('conflict');
    },
  );

  it('rehydrates the assignee from a history with a re-assignment', () => {
    const { aggregate } = givenCase(aCase().assigned().assigned({ officerId: OTHER_OFFICER })).when(() => undefined);
    expect(aggregate.state?.assignee).toBe(OTHER_OFFICER);
    expect(aggregate.revision).toBe(2n);
  });
});

describe('an invalid assignment (INVALID_CASE_COMMAND)', () => {
  it.each<[string, Parameters<typeof anAssignment>[0], string[]]>([
    ['an empty officer id', { officerId: '' }, ['officerId']],
    ['a blank officer id', { officerId: '   ' }, ['officerId']],
    ['no actor', { by: ' ' }, ['by']],
    ['an instant that is no instant', { at: 'yesterday' }, ['at']],
    ['a date instead of an instant', { at: '2025-11-10' }, ['at']],
    ['an instant on 30 February', { at: '2025-02-30T10:00:00Z' }, ['at']],
  ])('%s is refused on exactly the offending field', (_label, overrides, fields) => {
    const error = givenCase(aCase())
      .when((a) => a.assign(anAssignment(overrides)))
      .thenThrows('INVALID_CASE_COMMAND', fields);
    expect(error.kind).toBe('invalid');
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('reports every offending field at once', () => {
    givenCase(aCase())
      .when((a) => a.assign(anAssignment({ officerId: '', by: '', at: '' })))
      .thenThrows('INVALID_CASE_COMMAND', ['at', 'by', 'officerId']);
  });

  it('is refused as invalid before the case state is looked at', () => {
    givenCase(historyIn('denied'))
      .when((a) => a.assign(anAssignment({ officerId: '' })))
      .thenThrows('INVALID_CASE_COMMAND', ['officerId']);
  });
});
