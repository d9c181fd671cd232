/**
 * The registry of public event types (the subscribers' wire contract, docs/product.md §5). Type names are stable
 * strings owned here, never derived from class names. Changes are additive: a payload change that is
 * not additive gets a new type name (`<Name>.v2`) and the old one stays readable; `schemaVersion`
 * counts additive revisions of a payload so readers can upcast.
 * Each type's payload is the domain's exported `<Type>Data` interface: after adding or changing one, run
 * `npm run schemas` (public-event-schemas.generated.json; docs/consumers.md). Internal types are never listed here.
 */
export const EVENT_TYPES = {
  CountryStatusChanged: 1,
  LicenceApplicationSubmitted: 1,
  ReviewTrackChanged: 1,
  /**
   * Additive to docs/product.md §5: a pending case's determinations, citations, policy versions or flags changed
   * without a change of review track (docs/reevaluation.md).
   */
  DeterminationsRevised: 1,
  CaseAssigned: 1,
  CaseReferred: 1,
  ReferralAnswered: 1,
  LicenceApproved: 1,
  LicenceDenied: 1,
  ApplicationReturnedWithoutAction: 1,
  ApplicationWithdrawn: 1,
  LicenceFlaggedForReview: 1,
  LicenceSuspended: 1,
  LicenceRevoked: 1,
  LicenceExpired: 1,
  ReevaluationStarted: 1,
  /** Additive to docs/product.md §5: a run's durable progress, one event per batch of cases. */
  ReevaluationProgressed: 1,
  ReevaluationCompleted: 1,
} as const satisfies Record<string, number>;

export type PublicEventType = keyof typeof EVENT_TYPES;

export function isPublicEventType(type: string): type is PublicEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}

/** The current schema version of a registered type; throws for an unregistered one (a programming error). */
export function schemaVersionOf(type: string): number {
  if (!isPublicEventType(type)) throw new Error(`Event type ${type} is not registered`);
  return EVENT_TYPES[type];
}
