import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import type { Role } from '../../apps/api/src/shared/auth/roles';
import { anApplication, removeDir } from '../support/test-app';
import { buildServer, freePort, runCompiled, waitForHealth, waitForQuiet, type RunningProcess } from '../support/server-process';
import { WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'webhook-crash-secret-at-least-32-bytes!!';

/** The compiled server, killed (SIGKILL) while a delivery is in flight, then started again on the same data. */
describe('a crash in the middle of a webhook delivery', () => {
  let dataDir: string;
  let receiver: WebhookReceiver;
  const running: RunningProcess[] = [];

  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-webhook-crash-'));
  }, 120_000);
  afterAll(async () => {
    for (const process of running) if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
    await receiver?.close();
    removeDir(dataDir);
  });

  it('loses nothing: the event in flight is delivered again after the restart, under the same webhook-id', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: SECRET, WEBHOOK_ALLOWED_RANGES: 'loopback',
      WEBHOOK_TIMEOUT_MS: '3000', EVENT_FEED_POLL_MS: '20',
    };
    const token = (roles: Role[]) => mintToken(SECRET, { sub: 'ops-1', roles, expiresInSeconds: 3600 });
    const call = (method: string, route: string, roles: Role[], body?: object) =>
      fetch(`${base}${route}`, {
        method,
        headers: { Authorization: `Bearer ${token(roles)}`, 'Content-Type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    // The receiver takes the first delivery and never answers it: the server dies with it in flight.
    receiver = await WebhookReceiver.start((index) => (index === 0 ? 'hang' : 'ok'));

    const first = runCompiled('main', env);
    running.push(first);
    await waitForHealth(port, first);
    await waitForQuiet(base);
    const head = ((await (await fetch(`${base}/health`)).json()) as { eventStore: { lastPosition: string } }).eventStore.lastPosition;
    const created = await call('POST', '/subscriptions', ['policy-admin'], { url: receiver.url, after: head });
    expect(created.status).toBe(201);
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    for (let i = 0; i < 2; i += 1) expect((await call('POST', '/applications', ['intake'], anApplication())).status).toBe(201);
    const events = ((await (await call('GET', `/events?after=${head}`, ['auditor'])).json()) as { items: Array<{ id: string }> }).items;
    expect(events).toHaveLength(2);

    await receiver.until(() => receiver.received.length === 1);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = runCompiled('main', env);
    running.push(second);
    await waitForHealth(port, second);
    await receiver.until(() => receiver.acknowledgedIds().length === 2);

    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([events[0]!.id, events[0]!.id, events[1]!.id]);
    expect(receiver.acknowledgedIds()).toEqual(events.map((event) => event.id));
    for (const request of receiver.received) {
      expect(() =>
        new Webhook(secret).verify(request.body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        }),
      ).not.toThrow();
    }
    const subscription = (await (await call('GET', `/subscriptions/${id}`, ['policy-admin'])).json()) as { status: string; consecutiveFailures: number };
    expect(subscription).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
