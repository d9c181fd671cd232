import { EVENT_TYPES, InMemoryEventStore, type EventStore } from '@app/infra';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';
import { contractBreaks } from '../support/public-event-contract';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { anOfficesWeeks, BEFORE_CAMBODIA_REMOVAL } from './feed-fixtures';

describe('every public event the application stores matches its published JSON Schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: BEFORE_CAMBODIA_REMOVAL });
    await anOfficesWeeks(t);
  });
  afterAll(() => stopTestApp(t));

  it('validates the whole log (the case lifecycle, the seeded register and two Cambodia re-evaluations) with Ajv', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const { checked, breaks } = await contractBreaks(store);
    expect(breaks).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('the log holds every public type but LicenceExpired, so each of their schemas was exercised', async () => {
    const pulled = await t.http.get('/events?limit=1000').set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200);
    const seen = new Set((pulled.body.items as Array<{ type: string }>).map((event) => event.type));
    const expected = Object.keys(EVENT_TYPES).filter((type) => type !== 'LicenceExpired');
    expect(expected.filter((type) => !seen.has(type))).toEqual([]);
  });

});

describe('the contract check itself', () => {
  it('reports an event whose data breaks its schema, and a public stream event whose type is not registered', async () => {
    const store = new InMemoryEventStore();
    const metadata = { actor: 'test', correlationId: 'c', causationId: null, schemaVersion: 1 };
    await store.appendToStream('LicenceApplication-broken', [
      { id: '00000000-0000-4000-8000-000000000001', type: 'CaseAssigned', data: { applicationId: 42 }, metadata },
      { id: '00000000-0000-4000-8000-000000000002', type: 'CaseReopened', data: {}, metadata },
    ], { expectedRevision: 'no-stream' });
    const { breaks } = await contractBreaks(store);
    expect(breaks).toHaveLength(2);
    expect(breaks[0]).toContain('CaseAssigned');
    expect(breaks[1]).toContain('CaseReopened is not registered');
  });
});
