import type { AddressInfo } from 'node:net';
import { officeTokens, submitCase, FRANCE_END_USER } from '../support/case-actions';
import { SubscriberStats } from '../../apps/api/src/event-feed/subscriber-stats';
import { SseClient } from '../support/sse-client';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

describe('GET /events/stream: Server-Sent Events', () => {
  let t: TestApp;
  let port: number;
  const clients: SseClient[] = [];
  const open = async (path: string, token: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.open(port, path, { Authorization: `Bearer ${token}`, ...headers });
    clients.push(client);
    return client;
  };
  const pullAll = async (after: string) =>
    (await t.http.get(`/events?after=${after}&limit=1000`).set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200)).body
      .items as Array<{ id: string; position: string }>;

  beforeAll(async () => {
    t = await startTestApp({
      env: { SSE_HEARTBEAT_MS: '100', EVENT_FEED_POLL_MS: '20', SSE_MAX_STREAMS: '3', SSE_MAX_STREAMS_PER_SUBSCRIBER: '2' },
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    // The server notices a closed socket asynchronously: wait until it has released every stream.
    const stats = t.app.get(SubscriberStats);
    for (let i = 0; i < 200 && stats.streamsOpen > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  afterAll(() => stopTestApp(t));

  it('streams live events, and a reconnect with Last-Event-ID loses nothing and repeats nothing', async () => {
    const tokens = officeTokens(t);
    const start = (await t.lastPosition())!;
    const first = await open(`/events/stream?after=${start}`, t.token(['subscriber'], 'screening-1'));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/event-stream');
    await submitCase(t, tokens, FRANCE_END_USER);
    await submitCase(t, tokens, FRANCE_END_USER);
    await first.until(() => first.events().length >= 2);
    first.close();
    const lastId = first.events().at(-1)!.id!;

    // While the consumer is away, more events are appended.
    for (let i = 0; i < 3; i += 1) await submitCase(t, tokens, FRANCE_END_USER);
    const second = await open('/events/stream?after=0', t.token(['subscriber'], 'screening-1'), { 'Last-Event-ID': lastId });
    const expected = await pullAll(start);
    expect(expected).toHaveLength(5);
    await second.until(() => first.events().length + second.events().length >= expected.length);
    await submitCase(t, tokens, FRANCE_END_USER);
    await second.until(() => second.events().length >= expected.length - first.events().length + 1);

    const received = [...first.events(), ...second.events()].map((message) => JSON.parse(message.data!) as { id: string; position: string });
    const all = await pullAll(start);
    expect(received.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length);
    expect([...first.events(), ...second.events()].map((message) => message.id)).toEqual(all.map((event) => event.position));
  });

  it('sends heartbeat comments while idle and honours the filters', async () => {
    const head = (await t.lastPosition())!;
    const client = await open(`/events/stream?after=${head}&types=LicenceExpired`, t.token(['subscriber'], 'erp-1'));
    await submitCase(t, officeTokens(t), FRANCE_END_USER);
    await client.until(() => client.messages.filter((message) => message.comment === 'heartbeat').length >= 2);
    expect(client.events()).toEqual([]);
  });

  it('limits concurrent streams: 429 per subscriber, 503 in all, each with Retry-After', async () => {
    const head = (await t.lastPosition())!;
    await open(`/events/stream?after=${head}`, t.token(['subscriber'], 'dash-1'));
    await open(`/events/stream?after=${head}`, t.token(['subscriber'], 'dash-1'));
    const third = await open(`/events/stream?after=${head}`, t.token(['subscriber'], 'dash-1'));
    await third.until(() => third.ended);
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('5');
    expect(JSON.parse(third.body).code).toBe('TOO_MANY_STREAMS');

    await open(`/events/stream?after=${head}`, t.token(['subscriber'], 'dash-2'));
    const fourth = await open(`/events/stream?after=${head}`, t.token(['subscriber'], 'dash-3'));
    await fourth.until(() => fourth.ended);
    expect(fourth.status).toBe(503);
    expect(fourth.headers['retry-after']).toBe('5');
    expect(JSON.parse(fourth.body).code).toBe('STREAMS_EXHAUSTED');
  });

  it('refuses a Last-Event-ID it did not issue (400 INVALID_POSITION) and callers without the subscriber role', async () => {
    const bad = await open('/events/stream', t.token(['subscriber'], 'x-1'), { 'Last-Event-ID': 'nonsense' });
    await bad.until(() => bad.ended);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).code).toBe('INVALID_POSITION');
    const auditor = await open('/events/stream', t.token(['auditor'], 'a-1'));
    await auditor.until(() => auditor.ended);
    expect(auditor.status).toBe(403);
  });
});
