import { randomUUID } from 'node:crypto';
import {
  buildPolicySnapshot,
  decideAnswerReferral,
  decideApprove,
  decideAssign,
  decideCountryStatusChange,
  decideRefer,
  decideSubmit,
  evolveCountryPolicy,
  evolveLicenceApplication,
  initialCountryPolicyState,
  SECTION_126_1_SEED,
  type CountryPolicyState,
  type DomainEvent,
  type LicenceApplicationEvent,
  type LicenceApplicationState,
  type PolicySnapshot,
} from '@app/domain';
import type { NewEvent } from '@app/infra';

/** The seeded §126.1 register as in force on `date`, folded through the real decisions. */
export function seededSnapshot(date: string): PolicySnapshot {
  const register: Record<string, CountryPolicyState> = {};
  for (const { change } of SECTION_126_1_SEED) {
    const state = register[change.countryCode] ?? initialCountryPolicyState;
    register[change.countryCode] = decideCountryStatusChange(state, change).reduce(evolveCountryPolicy, state);
  }
  return buildPolicySnapshot(register, date);
}

/** Case-by-case destinations (Cambodia is delisted since 2025-11-07), so every case can be approved. */
const DESTINATIONS = ['FR', 'DE', 'GB', 'JP', 'AU', 'KH', 'NO', 'PL'];
const OFFICERS = ['officer-ana', 'officer-ben', 'officer-cho', 'officer-dev'];
const DAY = 86_400_000;

/**
 * The five events of case number `index`, submitted → assigned → referred → answered → approved, produced by
 * the real decisions so the payloads are those the server records. Each step is one append.
 */
export function caseLifecycle(index: number, policy: PolicySnapshot): { id: string; steps: LicenceApplicationEvent[] } {
  const id = randomUUID();
  const start = Date.parse('2025-11-08T09:00:00.000Z') + index * 60_000;
  const at = (days: number) => new Date(start + days * DAY).toISOString();
  const officer = OFFICERS[index % OFFICERS.length]!;
  let state: LicenceApplicationState = null;
  const steps: LicenceApplicationEvent[] = [];
  const step = <C>(decide: (s: LicenceApplicationState, c: C) => readonly LicenceApplicationEvent[], command: C) => {
    const events = decide(state, command);
    state = events.reduce(evolveLicenceApplication, state);
    steps.push(...events);
  };
  step(decideSubmit, {
    applicationId: id,
    licenceType: 'DSP-5',
    applicant: { name: `Contractor ${index % 97} LLC`, registrationCode: `M${10000 + (index % 97)}` },
    usmlCategories: ['XI', 'XII'],
    valueUsd: 50_000 + (index % 50) * 10_000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Radar spare parts and test equipment',
    parties: [
      { role: 'end-user', name: 'Ministry of Defence', country: DESTINATIONS[index % DESTINATIONS.length]! },
      { role: 'intermediate-consignee', name: 'Freight GmbH', country: 'DE' },
    ],
    submittedAt: at(0),
    submittedBy: 'clerk-7',
    policy,
  });
  step(decideAssign, { applicationId: id, officerId: officer, at: at(2), by: 'supervisor-1' });
  step(decideRefer, { applicationId: id, agency: 'DTSA', at: at(4), by: officer });
  step(decideAnswerReferral, { applicationId: id, agency: 'DTSA', recommendation: 'approve', provisos: [], at: at(11), by: officer });
  step(decideApprove, { applicationId: id, provisos: ['No re-export without prior written approval'], at: at(16), by: officer });
  return { id, steps };
}

/** A domain event as the server appends it, with the metadata every event carries. */
export function toNewEvent(event: DomainEvent, actor = 'bench'): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { actor, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}
