import { aCase } from '@app/domain/testing/domain-builders';
import type { Position, RecordedEvent } from '@app/infra';
import { replayCase } from './case-replay';

/** Recorded events as a store would hand them back, around the domain events a history decided. */
function recorded(applicationId: string, events: readonly { type: string; data: unknown }[]): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `event-${index}`,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { actor: `actor-${index}`, correlationId: `c-${index}`, causationId: null, schemaVersion: 1 },
    streamName: `LicenceApplication-${applicationId}`,
    revision: BigInt(index),
    position: String(100 + index) as Position,
    recordedAt: `2025-11-0${index + 1}T10:00:00.000Z`,
    hash: `${index}`.padStart(64, '0'),
  }));
}

describe('replayCase', () => {
  const history = aCase().assigned().approved({ provisos: ['No re-export'] }).suspended();
  const applicationId = history.state?.applicationId as string;
  const steps = replayCase(applicationId, recorded(applicationId, history.events));

  it('gives one step per event, with its metadata and the case after it, ending on the aggregate state', () => {
    expect(steps.map((step) => [step.revision, step.type, step.actor, step.position])).toEqual([
      [0, 'LicenceApplicationSubmitted', 'actor-0', '100'],
      [1, 'CaseAssigned', 'actor-1', '101'],
      [2, 'LicenceApproved', 'actor-2', '102'],
      [3, 'LicenceSuspended', 'actor-3', '103'],
    ]);
    expect(steps[3].state).toMatchObject({ id: applicationId, status: 'suspended', revision: 3 });
    expect(steps[3].state.licence).toEqual(history.state?.licence);
  });

  it('lists what each event changed, and only that', () => {
    const fields = steps.map((step) => step.changes.map((change) => change.field).sort());
    expect(fields[0]).toEqual(expect.arrayContaining(['status', 'reviewTrack', 'determinations', 'flaggedForReview']));
    expect(fields[0]).not.toContain('assignee'); // null before and after the submission
    expect(fields[1]).toEqual(['assignee', 'status']);
    expect(fields[2]).toEqual(['decision', 'licence', 'status']);
    expect(fields[3]).toEqual(['licence', 'status']);
    expect(steps[2].changes.find((change) => change.field === 'decision')?.to).toMatchObject({ outcome: 'approved', provisos: ['No re-export'] });
    expect(steps[3].changes.find((change) => change.field === 'status')).toEqual({ field: 'status', from: 'approved', to: 'suspended' });
  });
});
