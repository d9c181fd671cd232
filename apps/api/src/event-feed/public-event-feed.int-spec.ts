import { InMemoryEventStore, type EventStore, type NewEvent } from '@app/infra';
import { loadConfig } from '../shared/config/app-config';
import { PublicEventFeed } from './public-event-feed';

const META = { actor: 'officer-1', correlationId: 'c-1', causationId: null, schemaVersion: 1 };
let counter = 0;
const anEvent = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  id: `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`,
  type,
  data,
  metadata: META,
});

describe('the public event feed', () => {
  let store: EventStore;
  let feed: PublicEventFeed;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    feed = new PublicEventFeed(store, loadConfig({ PUBLIC_BASE_URL: 'https://lcm.example.gov' }));
    await store.appendToStream('CountryPolicy-KH', [anEvent('CountryStatusChanged', { countryCode: 'KH' })], { expectedRevision: 'any' });
    await store.appendToStream('AuditSeal-1', [anEvent('LogSealed', { upTo: 1 })], { expectedRevision: 'any' });
    await store.appendToStream('LicenceApplication-a', [
      anEvent('LicenceApplicationSubmitted', { applicationId: 'a', parties: [{ role: 'end-user', country: 'KH' }] }),
      anEvent('CaseAssigned', { applicationId: 'a' }),
    ], { expectedRevision: 'any' });
    await store.appendToStream('LicenceApplication-b', [
      anEvent('LicenceApplicationSubmitted', { applicationId: 'b', parties: [{ role: 'end-user', country: 'FR' }] }),
    ], { expectedRevision: 'any' });
    await store.appendToStream('LicenceApplication-a', [
      anEvent('ReviewTrackChanged', { applicationId: 'a', trigger: { countryCode: 'KH' } }),
    ], { expectedRevision: 'any' });
  });

  it('given an internal event in the log, then it never appears, and lastPosition still moves past it', async () => {
    const page = await feed.readPage(null, 100);
    expect(page.items.map((event) => event.type)).toEqual([
      'CountryStatusChanged', 'LicenceApplicationSubmitted', 'CaseAssigned', 'LicenceApplicationSubmitted', 'ReviewTrackChanged',
    ]);
    expect(page.lastPosition).toBe(await store.lastPosition());
  });

  it('given a limit, then the next page starts right after the last item: nothing skipped, nothing repeated', async () => {
    const first = await feed.readPage(null, 2);
    const second = await feed.readPage(first.lastPosition, 2);
    const third = await feed.readPage(second.lastPosition, 2);
    const all = await feed.readPage(null, 100);
    expect([...first.items, ...second.items, ...third.items].map((event) => event.id)).toEqual(all.items.map((event) => event.id));
    expect(first.lastPosition).toBe(first.items[1]!.position);
  });

  it('filters by types, by subject, and by country (register stream, submissions with a party there, runs it triggered)', async () => {
    expect((await feed.readPage(null, 100, { types: ['CaseAssigned'] })).items.map((e) => e.subject)).toEqual(['LicenceApplication-a']);
    expect((await feed.readPage(null, 100, { subject: 'LicenceApplication-b' })).items).toHaveLength(1);
    const kh = await feed.readPage(null, 100, { country: 'KH' });
    expect(kh.items.map((event) => `${event.type}@${event.subject}`)).toEqual([
      'CountryStatusChanged@CountryPolicy-KH',
      'LicenceApplicationSubmitted@LicenceApplication-a',
      'ReviewTrackChanged@LicenceApplication-a',
    ]);
  });

  it('wraps each event in a CloudEvents 1.0 envelope with the extension attributes', async () => {
    const [event] = (await feed.readPage(null, 1)).items;
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      source: 'https://lcm.example.gov/events',
      type: 'CountryStatusChanged',
      subject: 'CountryPolicy-KH',
      time: expect.any(String),
      datacontenttype: 'application/json',
      dataschema: 'https://lcm.example.gov/schemas/CountryStatusChanged',
      data: { countryCode: 'KH' },
      position: expect.any(String),
      dataversion: 1,
      correlationid: 'c-1',
      actor: 'officer-1',
    });
  });

  it('given an empty log and no position, then lastPosition is null', async () => {
    const empty = new PublicEventFeed(new InMemoryEventStore(), loadConfig({}));
    expect(await empty.readPage(null, 10)).toEqual({ items: [], lastPosition: null });
  });
});
