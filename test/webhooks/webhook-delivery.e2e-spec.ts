import { Webhook } from 'standardwebhooks';
import { officeTokens, submitCase, FRANCE_END_USER } from '../support/case-actions';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver';

const WEBHOOK_ENV = {
  WEBHOOK_ALLOWED_RANGES: 'loopback',
  WEBHOOK_TIMEOUT_MS: '300',
  WEBHOOK_BACKOFF_BASE_MS: '10',
  WEBHOOK_BACKOFF_MAX_MS: '40',
  WEBHOOK_PAUSE_AFTER_FAILURES: '5',
  EVENT_FEED_POLL_MS: '20',
};

interface Created { id: string; secret: string }

describe('webhooks: signed, ordered, at-least-once deliveries from a durable checkpoint', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  const admin = () => t.token(['policy-admin'], 'admin-1');
  const subscribe = async (body: Record<string, unknown>): Promise<Created> =>
    (await t.http.post('/subscriptions').set('Authorization', `Bearer ${admin()}`).send(body).expect(201)).body;
  const view = async (id: string) => (await t.http.get(`/subscriptions/${id}`).set('Authorization', `Bearer ${admin()}`).expect(200)).body;
  const deliveries = async (id: string) =>
    (await t.http.get(`/subscriptions/${id}/deliveries?limit=200`).set('Authorization', `Bearer ${admin()}`).expect(200)).body.items as Array<{
      eventId: string; attempt: number; outcome: string; statusCode: number | null; error: string | null;
    }>;
  const publicEventsAfter = async (after: string) =>
    ((await t.http.get(`/events?after=${after}&limit=1000`).set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200)).body
      .items as Array<{ id: string; position: string }>);
  const verify = (secret: string, request: ReceivedWebhook) =>
    new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });

  beforeEach(async () => {
    t = await startTestApp({ env: WEBHOOK_ENV });
  });
  afterEach(async () => {
    await t.close();
    await receiver?.close();
    removeDir(t.dataDir);
  });

  it('survives a receiver outage (errors, then a timeout): every event arrives once acknowledged, in order, validly signed, retries under the same webhook-id', async () => {
    receiver = await WebhookReceiver.start((index) => (index < 2 ? 'fail' : index === 2 ? 'hang' : 'ok'));
    const head = (await t.lastPosition())!;
    const { id, secret } = await subscribe({ url: receiver.url, after: head, description: 'Compliance data warehouse' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const tokens = officeTokens(t);
    for (let i = 0; i < 3; i += 1) await submitCase(t, tokens, FRANCE_END_USER);
    const expected = await publicEventsAfter(head);
    expect(expected).toHaveLength(3);

    await receiver.until(() => receiver.acknowledgedIds().length >= 3);
    expect(receiver.acknowledgedIds()).toEqual(expected.map((event) => event.id));
    for (const request of receiver.received) expect(() => verify(secret, request)).not.toThrow();
    // The failed attempts were at the first event: the same webhook-id and body each time.
    const attemptsAtFirst = receiver.received.filter((request) => request.headers['webhook-id'] === expected[0]!.id);
    expect(attemptsAtFirst.map((request) => request.answer)).toEqual(['fail', 'fail', 'hang', 'ok']);
    expect(new Set(attemptsAtFirst.map((request) => request.body)).size).toBe(1);
    const body = JSON.parse(receiver.received.at(-1)!.body);
    expect(body).toMatchObject({ specversion: '1.0', id: expected[2]!.id, type: 'LicenceApplicationSubmitted', position: expected[2]!.position });

    const log = (await deliveries(id)).reverse();
    expect(log.map((entry) => [entry.attempt, entry.outcome, entry.statusCode])).toEqual([
      [1, 'failed', 500], [2, 'failed', 500], [3, 'failed', null], [4, 'delivered', 204], [1, 'delivered', 204], [1, 'delivered', 204],
    ]);
    expect(log[2]!.error).toContain('no response within 300 ms');
    expect(await view(id)).toMatchObject({ status: 'active', checkpoint: expected[2]!.position, consecutiveFailures: 0 });
  });

  it('pauses a subscription after repeated failures, visibly, and resumes it from its checkpoint without loss', async () => {
    receiver = await WebhookReceiver.start(() => 'fail');
    const head = (await t.lastPosition())!;
    const { id } = await subscribe({ url: receiver.url, after: head, types: ['LicenceApplicationSubmitted'] });
    await submitCase(t, officeTokens(t), FRANCE_END_USER);
    await receiver.until(() => receiver.received.length >= 5);
    let paused = await view(id);
    for (let i = 0; i < 100 && paused.status !== 'paused'; i += 1) paused = await view(id);
    expect(paused).toMatchObject({ status: 'paused', consecutiveFailures: 5, checkpoint: head });
    expect(paused.pausedReason).toContain('Paused after 5 consecutive failed deliveries');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(5);

    receiver.plan = () => 'ok';
    const resumed = await t.http.post(`/subscriptions/${id}/resume`).set('Authorization', `Bearer ${admin()}`).send({}).expect(200);
    expect(resumed.body).toMatchObject({ status: 'active', consecutiveFailures: 0, pausedReason: null });
    await receiver.until(() => receiver.acknowledgedIds().length === 1);
    const [submitted] = await publicEventsAfter(head);
    expect(receiver.acknowledgedIds()).toEqual([submitted!.id]);
  });

  it('two server processes on the same data deliver each event once, in order (one deliverer per subscription)', async () => {
    const other = await startTestApp({ dataDir: t.dataDir, env: WEBHOOK_ENV });
    try {
      receiver = await WebhookReceiver.start(() => 'ok');
      const head = (await t.lastPosition())!;
      await subscribe({ url: receiver.url, after: head });
      const tokens = officeTokens(t);
      for (let i = 0; i < 6; i += 1) await submitCase(t, tokens, FRANCE_END_USER);
      const expected = await publicEventsAfter(head);
      await receiver.until(() => receiver.acknowledgedIds().length >= expected.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.acknowledgedIds()).toEqual(expected.map((event) => event.id));
    } finally {
      await other.close();
    }
  });

  it('a restart loses nothing: deliveries go on from the durable checkpoint', async () => {
    receiver = await WebhookReceiver.start((index) => (index === 0 ? 'ok' : 'fail'));
    const head = (await t.lastPosition())!;
    const { id, secret } = await subscribe({ url: receiver.url, after: head });
    const tokens = officeTokens(t);
    for (let i = 0; i < 3; i += 1) await submitCase(t, tokens, FRANCE_END_USER);
    const expected = await publicEventsAfter(head);
    await receiver.until(() => receiver.received.length >= 2);
    await t.close();

    receiver.plan = () => 'ok';
    t = await startTestApp({ dataDir: t.dataDir, env: WEBHOOK_ENV });
    await receiver.until(() => receiver.acknowledgedIds().length >= 3);
    expect(receiver.acknowledgedIds()).toEqual(expected.map((event) => event.id));
    for (const request of receiver.received) expect(() => verify(secret, request)).not.toThrow();
    expect(await view(id)).toMatchObject({ status: 'active', checkpoint: expected[2]!.position });
  });
});
