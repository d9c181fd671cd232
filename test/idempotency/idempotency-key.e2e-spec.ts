import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { requestFingerprint } from '@app/infra';
import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { openTestIdempotencyStore } from '../support/test-idempotency-store';
import { testStoreKind } from '../support/test-store';

const NOW = '2026-11-29T09:00:00.000Z';

describe('Idempotency-Key on POST /applications', () => {
  let t: TestApp;
  let intake: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    intake = t.token(['intake'], 'clerk-7');
  });
  afterAll(() => stopTestApp(t));
  afterEach(() => t.clock.set(NOW));

  const submit = (body: unknown, key?: string, token = intake) => {
    const call = t.http.post('/applications').set('Authorization', `Bearer ${token}`);
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body as object);
  };

  it('answers a retry with the first response, marked replayed, and appends nothing', async () => {
    const key = randomUUID();
    const first = await submit(anApplication(), key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const after = await t.lastPosition();

    const retry = await submit(anApplication(), key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.location).toBe(`/applications/${first.body.id}`);
    expect(retry.headers.etag).toBe('"0"');
    expect(retry.headers['content-type']).toMatch(/^application\/json/);
    expect(await t.lastPosition()).toBe(after);

    // A third try, and the case itself: still one case with one event.
    await submit(anApplication(), key).expect(201);
    const history = await t.http
      .get(`/applications/${first.body.id}/history`)
      .set('Authorization', `Bearer ${t.token(['case-officer'])}`)
      .expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(await t.lastPosition()).toBe(after);
  });

  it('recognises the same body sent with its fields in another order', async () => {
    const key = randomUUID();
    const body = anApplication();
    const first = await submit(body, key).expect(201);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await submit(reordered, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });

  it('refuses the key with another body: 422 IDEMPOTENCY_KEY_REUSED, appending nothing', async () => {
    const key = randomUUID();
    const first = await submit(anApplication(), key).expect(201);
    const before = await t.lastPosition();

    const reused = await submit(anApplication({ valueUsd: 1 }), key).expect(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', type: '/problems/idempotency-key-reused' });
    expect(await t.lastPosition()).toBe(before);

    // The key still answers its own request.
    expect((await submit(anApplication(), key).expect(201)).body.id).toBe(first.body.id);
  });

  it('scopes keys per user: the same key sent by another user opens a new case', async () => {
    const key = randomUUID();
    const mine = await submit(anApplication(), key).expect(201);
    const before = await t.lastPosition();

    const theirs = await submit(anApplication(), key, t.token(['intake'], 'clerk-8')).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(Number(await t.lastPosition())).toBeGreaterThan(Number(before));
  });

  it('scopes keys per route: the same key on a command on the case is independent, and replays its own 200', async () => {
    const key = randomUUID();
    const submitted = await submit(anApplication(), key).expect(201);
    const withdraw = () =>
      t.http
        .post(`/applications/${submitted.body.id}/withdraw`)
        .set('Authorization', `Bearer ${intake}`)
        .set('Idempotency-Key', key)
        .send({ reason: 'Applicant withdrew' });

    const withdrawn = await withdraw().expect(200);
    expect(withdrawn.headers['idempotent-replayed']).toBeUndefined();
    expect(withdrawn.body).toMatchObject({ id: submitted.body.id, status: 'withdrawn', revision: 1 });
    expect(withdrawn.headers.etag).toBe('"1"');
    const after = await t.lastPosition();

    // Without the key this retry would be refused (the case is already decided); with it, the first answer.
    const retry = await withdraw().expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(withdrawn.body);
    expect(retry.headers.etag).toBe('"1"');
    // And the key still answers the submission with the submission's own response.
    const resubmitted = await submit(anApplication(), key).expect(201);
    expect(resubmitted.body).toEqual(submitted.body);
    expect(await t.lastPosition()).toBe(after);
  });

  it('scopes a key on the route as routed: other spellings of the path replay the first answer', async () => {
    const key = randomUUID();
    const first = await submit(anApplication(), key).expect(201);
    const after = await t.lastPosition();
    for (const spelling of ['/Applications', '/APPLICATIONS/', '/applications/']) {
      const retry = await t.http.post(spelling).set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', key).send(anApplication()).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
    }
    expect(await t.lastPosition()).toBe(after);
  });

  it('refuses a query string the route does not read (400) without using up the key', async () => {
    const key = randomUUID();
    const refused = await t.http
      .post('/applications?source=retry')
      .set('Authorization', `Bearer ${intake}`)
      .set('Idempotency-Key', key)
      .send(anApplication())
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'source', message: 'query parameter source should not exist' }]);
    const first = await submit(anApplication(), key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not use up a key on a refused request: a corrected retry with the same key succeeds', async () => {
    const key = randomUUID();
    const before = await t.lastPosition();
    const refused = await submit(anApplication({ usmlCategories: [] }), key).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    await submit('{"licenceType": ', key).set('Content-Type', 'application/json').expect(400);
    expect(await t.lastPosition()).toBe(before);

    const accepted = await submit(anApplication(), key).expect(201);
    expect(accepted.headers['idempotent-replayed']).toBeUndefined();
    const retry = await submit(anApplication(), key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(accepted.body.id);
  });

  it('does not use up a key on an unauthenticated or forbidden request', async () => {
    const key = randomUUID();
    await t.http.post('/applications').set('Idempotency-Key', key).send(anApplication()).expect(401);
    await submit(anApplication(), key, t.token(['auditor'], 'clerk-7')).expect(403);
    const accepted = await submit(anApplication(), key).expect(201);
    expect(accepted.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['with a space', 'two words'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a non-ASCII character', 'clé'],
  ])('refuses a key %s with 400 INVALID_IDEMPOTENCY_KEY, appending nothing', async (_name, key) => {
    const before = await t.lastPosition();
    const response = await submit(anApplication(), key).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_IDEMPOTENCY_KEY', type: '/problems/invalid-idempotency-key' });
    expect(await t.lastPosition()).toBe(before);
  });

  it('accepts a key of exactly 255 visible characters', async () => {
    await submit(anApplication(), `${'k'.repeat(254)}~`).expect(201);
  });

  it('leaves POST requests without the header alone: each one opens a case', async () => {
    const first = await submit(anApplication()).expect(201);
    const second = await submit(anApplication()).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('leaves GET requests alone, even with a malformed key', async () => {
    const created = await submit(anApplication()).expect(201);
    const read = await t.http
      .get(`/applications/${created.body.id}`)
      .set('Authorization', `Bearer ${t.token(['case-officer'])}`)
      .set('Idempotency-Key', 'not a valid key')
      .expect(200);
    expect(read.headers['idempotent-replayed']).toBeUndefined();
  });

  describe('a key held by a request still running (or by a process that died)', () => {
    const claimFromOutside = async (key: string) => {
      // A second connection to the same store, as another process would hold the key.
      const store = await openTestIdempotencyStore(t.dataDir, { now: () => t.clock.now() });
      try {
        const fingerprint = requestFingerprint(anApplication());
        expect((await store.claim({ sub: 'clerk-7', scope: 'POST /applications', key, fingerprint })).outcome).toBe('claimed');
      } finally {
        await store.close();
      }
    };

    it('answers 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After during the lease, appending nothing', async () => {
      const key = randomUUID();
      await claimFromOutside(key);
      const before = await t.lastPosition();
      t.clock.set('2026-11-29T09:00:15.000Z');

      const response = await submit(anApplication(), key).expect(409);
      expect(response.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
      expect(response.headers['retry-after']).toBe('45');
      expect(await t.lastPosition()).toBe(before);
      // Another body is refused outright: the key belongs to the running request.
      await submit(anApplication({ valueUsd: 2 }), key).expect(422);
    });

    it('runs the request once the lease has run out, then replays it', async () => {
      const key = randomUUID();
      await claimFromOutside(key);
      t.clock.set('2026-11-29T09:01:00.000Z');

      const taken = await submit(anApplication(), key).expect(201);
      expect(taken.headers['idempotent-replayed']).toBeUndefined();
      const retry = await submit(anApplication(), key).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(taken.body.id);
    });
  });
});

describe('Idempotency keys across a restart', () => {
  it('replays a key stored before the restart, appending nothing', async () => {
    const first = await startTestApp({ now: NOW });
    const intake = first.token(['intake'], 'clerk-7');
    const key = randomUUID();
    try {
      const created = await first.http
        .post('/applications')
        .set('Authorization', `Bearer ${intake}`)
        .set('Idempotency-Key', key)
        .send(anApplication())
        .expect(201);
      const last = await first.lastPosition();
      await first.close();
      if (testStoreKind() === 'sqlite') expect(existsSync(path.join(first.dataDir, 'idempotency.sqlite'))).toBe(true);

      const second = await startTestApp({ dataDir: first.dataDir, now: '2026-11-29T10:00:00.000Z' });
      try {
        const retry = await second.http
          .post('/applications')
          .set('Authorization', `Bearer ${intake}`)
          .set('Idempotency-Key', key)
          .send(anApplication())
          .expect(201);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.body).toEqual(created.body);
        expect(retry.headers.location).toBe(created.headers.location);
        expect(retry.headers.etag).toBe(created.headers.etag);
        expect(await second.lastPosition()).toBe(last);
      } finally {
        await second.close();
      }
    } finally {
      await stopTestApp(first);
    }
  });

  it('purges keys older than 24 hours when the server starts', async () => {
    const first = await startTestApp({ now: NOW });
    const intake = first.token(['intake'], 'clerk-7');
    const ref = (key: string) => ({ sub: 'clerk-7', scope: 'POST /applications', key });
    const post = (t: TestApp, key: string) =>
      t.http.post('/applications').set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', key).send(anApplication()).expect(201);
    try {
      await post(first, 'old-key');
      first.clock.set('2026-11-29T12:00:00.000Z');
      await post(first, 'newer-key');
      await first.close();

      // 24 h and 1 min after the first key, 21 h after the second.
      const second = await startTestApp({ dataDir: first.dataDir, now: '2026-11-30T09:01:00.000Z' });
      await second.close();
      const store = await openTestIdempotencyStore(first.dataDir);
      try {
        expect(await store.find(ref('old-key'))).toBeUndefined();
        expect(await store.find(ref('newer-key'))).toMatchObject({ state: 'completed', response: { status: 201 } });
      } finally {
        await store.close();
      }
    } finally {
      await stopTestApp(first);
    }
  });
});
