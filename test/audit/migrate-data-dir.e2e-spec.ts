import path from 'node:path';
import Database from 'better-sqlite3';
import { removeDir, startTestApp } from '../support/test-app';
import { officeTokens, submitCase } from '../support/case-actions';
import { describeOnSqlite } from '../support/test-store';

/**
 * Turns a data directory back into what a build before the hash chain wrote: schema version 1 only, no hash
 * column, no seal. (The release before this one wrote exactly that schema; see migration 1 in the event store.)
 */
function asWrittenBeforeTheHashChain(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'events.sqlite'));
  db.exec(`
    DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;
    DELETE FROM events WHERE category = 'AuditSeal';
    ALTER TABLE events DROP COLUMN hash;
    DELETE FROM schema_migrations WHERE version = 2;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `);
  db.close();
}

describeOnSqlite('Starting on a data directory written before the hash chain', 'it starts on an events.sqlite written before the hash chain', () => {
  it('hashes its events once, records that in a migration seal, and verifies; the cases read as before', async () => {
    const first = await startTestApp({ now: '2025-10-15T10:00:00.000Z' });
    const tokens = officeTokens(first);
    const id = await submitCase(first, tokens);
    const before = (await first.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200)).body;
    const events = Number(await first.lastPosition());
    await first.close();
    asWrittenBeforeTheHashChain(first.dataDir);

    const second = await startTestApp({ dataDir: first.dataDir, now: '2025-10-16T08:00:00.000Z' });
    try {
      const auditor = officeTokens(second).auditor;
      const report = await second.http.get('/audit/integrity').set('Authorization', `Bearer ${auditor}`).expect(200);
      expect(report.body).toMatchObject({ ok: true, problems: [], checked: events + 1, seals: 1, sealedUpTo: String(events) });

      const db = new Database(path.join(first.dataDir, 'events.sqlite'), { readonly: true });
      const seal = db.prepare("SELECT data, metadata FROM events WHERE category = 'AuditSeal'").get() as { data: string; metadata: string };
      db.close();
      expect(JSON.parse(seal.data)).toMatchObject({ reason: 'migration', migratedEvents: events, eventCount: events });
      expect(JSON.parse(seal.metadata)).toMatchObject({ actor: 'system:audit-seal' });

      const after = await second.http.get(`/applications/${id}`).set('Authorization', `Bearer ${auditor}`).expect(200);
      expect(after.body).toEqual(before);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });
});
