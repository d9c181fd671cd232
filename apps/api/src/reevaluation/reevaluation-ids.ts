import type { ReevaluationKind } from '@app/domain';
import { nameBasedUuid } from '../shared/ids';

/**
 * The id of the run a policy event triggers: name-based, so the HTTP answer can name the run before it exists, a
 * replayed projection finds the same id, and two servers never start two runs for one change.
 */
export function reevaluationIdFor(policyEventId: string, kind: ReevaluationKind = 'status-change'): string {
  return nameBasedUuid(kind === 'status-change' ? `reevaluation:${policyEventId}` : `reevaluation:${policyEventId}:${kind}`);
}
