import Database from 'better-sqlite3';
import path from 'node:path';
import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

describeOnSqlite('another process holding the SQLite write lock', 'it holds the SQLite write lock from another connection', () => {
  let t: TestApp;
  let other: Database.Database;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    other = new Database(path.join(t.dataDir, 'events.sqlite'));
  });
  afterAll(async () => {
    other.close();
    await stopTestApp(t);
  });

  it('answers 503 STORE_BUSY with Retry-After once the busy timeout passes, appends nothing, and recovers', async () => {
    const intake = t.token(['intake'], 'clerk-7');
    const before = await t.lastPosition();

    other.exec('BEGIN IMMEDIATE');
    let response;
    try {
      response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication());
    } finally {
      other.exec('ROLLBACK');
    }

    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ status: 503, code: 'STORE_BUSY' });
    expect(await t.lastPosition()).toBe(before);
    await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication()).expect(201);
  }, 20_000);
});
