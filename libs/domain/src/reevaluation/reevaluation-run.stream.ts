/** Stream of one re-evaluation run: `Reevaluation-<uuid>`. */
export const REEVALUATION_CATEGORY = 'Reevaluation';

export function reevaluationStream(reevaluationId: string): string {
  return `${REEVALUATION_CATEGORY}-${reevaluationId}`;
}
