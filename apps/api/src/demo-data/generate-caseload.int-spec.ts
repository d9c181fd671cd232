import { randomUUID } from 'node:crypto';
import {
  CASE_STATUSES,
  evolveLicenceApplication,
  LICENCE_APPLICATION_CATEGORY,
  LICENCE_TYPES,
  PENDING_STATUSES,
  SECTION_126_1_CORRECTIONS,
  SECTION_126_1_SEED,
  type LicenceApplicationEvent,
  type LicenceApplicationState,
} from '@app/domain';
import { AggregateRepository, InMemoryEventStore, type EventStore, type RecordedEvent } from '@app/infra';
import { RegisterSeeder } from '../country-policy/seed/register-seeder';
import { generateCaseload, type CaseloadOptions } from './generate-caseload';

const TODAY = '2026-12-03';

/** A store holding the §126.1 register as the server seeds it. */
async function seededStore(): Promise<EventStore> {
  const store = new InMemoryEventStore();
  await new RegisterSeeder(new AggregateRepository(store, () => randomUUID())).seed([...SECTION_126_1_SEED, ...SECTION_126_1_CORRECTIONS]);
  return store;
}

async function caseEvents(store: EventStore): Promise<RecordedEvent[]> {
  return store.readAll({ limit: 1_000_000, categories: [LICENCE_APPLICATION_CATEGORY] });
}

async function generated(options: Partial<CaseloadOptions> = {}): Promise<RecordedEvent[]> {
  const store = await seededStore();
  await generateCaseload(store, { cases: 300, seed: 7, today: TODAY, pendingIn: null, batchSize: 64, ...options });
  return caseEvents(store);
}

/** Each case's state, folded from its events. */
function casesOf(events: readonly RecordedEvent[]): Map<string, NonNullable<LicenceApplicationState>> {
  const states = new Map<string, LicenceApplicationState>();
  for (const event of events) {
    states.set(event.streamName, evolveLicenceApplication(states.get(event.streamName) ?? null, event as unknown as LicenceApplicationEvent));
  }
  return new Map([...states].map(([stream, state]) => [stream, state!]));
}

/** What an event is, apart from when the store recorded it. */
const identity = (event: RecordedEvent) => ({ id: event.id, stream: event.streamName, type: event.type, data: event.data, metadata: event.metadata });

describe('generateCaseload', () => {
  it('writes the same events for the same seed, and others for another seed', async () => {
    const first = await generated();
    const again = await generated();
    expect(again.map(identity)).toEqual(first.map(identity));

    const other = await generated({ seed: 8 });
    const ids = new Set(first.map((event) => event.id));
    expect(other.filter((event) => ids.has(event.id))).toEqual([]);
  });

  it('a case does not depend on how many cases are asked for', async () => {
    const few = await generated({ cases: 40 });
    const many = await generated({ cases: 300 });
    const sameStreams = new Set(few.map((event) => event.streamName));
    expect(many.filter((event) => sameStreams.has(event.streamName)).map(identity)).toEqual(few.map(identity));
  });

  it('ends cases in every state, about a third pending, with every licence type and many destinations', async () => {
    const cases = [...casesOf(await generated({ cases: 600 })).values()];
    expect(cases).toHaveLength(600);
    const statuses = new Set(cases.map((state) => state.status));
    expect([...CASE_STATUSES].filter((status) => !statuses.has(status))).toEqual([]);
    const pending = cases.filter((state) => (PENDING_STATUSES as readonly string[]).includes(state.status)).length;
    expect(pending / cases.length).toBeGreaterThan(0.28);
    expect(pending / cases.length).toBeLessThan(0.39);
    expect(new Set(cases.map((state) => state.licenceType))).toEqual(new Set(LICENCE_TYPES));
    expect(new Set(cases.flatMap((state) => state.parties.map((party) => party.country))).size).toBeGreaterThanOrEqual(30);
    // Cambodia is among them, as in a real caseload: a small share.
    expect(cases.some((state) => state.parties.some((party) => party.country === 'KH'))).toBe(true);
  });

  it('decides every case on the register of its submission day, and never approves one on the policy-of-denial track', async () => {
    const cases = [...casesOf(await generated({ cases: 600 })).values()];
    for (const state of cases) expect(state.policyDate).toBe(state.submittedAt.slice(0, 10));
    expect(cases.filter((state) => state.decision?.outcome === 'approved' && state.reviewTrack === 'policy-of-denial')).toEqual([]);
    // No §126.1 change came into force while a case was pending: the cases open today use the register of today.
    const chinese = cases.filter((state) => state.parties.some((party) => party.country === 'CN'));
    expect(chinese.every((state) => state.reviewTrack === 'policy-of-denial')).toBe(true);
  });

  it('makes exactly the asked number of cases pending in a country, and no other pending case there', async () => {
    const cases = [...casesOf(await generated({ cases: 300, pendingIn: { country: 'KH', count: 100 } })).values()];
    const pendingInCambodia = cases.filter(
      (state) => (PENDING_STATUSES as readonly string[]).includes(state.status) && state.parties.some((party) => party.country === 'KH'),
    );
    expect(pendingInCambodia).toHaveLength(100);
    // A third of 300 is 100: the other cases are all decided.
    expect(cases.filter((state) => (PENDING_STATUSES as readonly string[]).includes(state.status))).toHaveLength(100);
  });
});
