import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH } from '../event-store/event-hash';
import { AUDIT_SEAL_STREAM, formatAnchor, sealDataOf } from '../event-store/audit-seal';
import type { NewEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { applyMigrations, EVENT_STORE_MIGRATIONS } from '../event-store/sqlite/sqlite-event-store.schema';
import { appendSeal } from './append-seal';
import { readLogHead } from './log-head';
import { Tamperer } from './testing/tampering';
import { verifyLog } from './verify-log';

/**
 * Item 4 of the audit issue: every kind of tampering, done to the SQLite file directly, is found at its position
 * with its kind, or (for a consistent rewrite and a truncation) by an anchor taken earlier.
 */

const STREAMS = 300;
const ROUNDS = 10; // 3 000 case events, sealed every 500.
let clockMs = Date.parse('2025-10-01T00:00:00.000Z');
const now = () => new Date((clockMs += 7));

function event(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'Tested',
    data: { n, description: `event ${n}` },
    metadata: { actor: 'officer-1', correlationId: `c-${n}`, causationId: null, schemaVersion: 1 },
  };
}

/** Writes a log of STREAMS × ROUNDS events, one append per event, sealed every 500 events and at the end. */
async function writeLog(file: string): Promise<void> {
  const store = SqliteEventStore.open(file, { now });
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let s = 0; s < STREAMS; s++) {
      await store.appendToStream(`LicenceApplication-${s}`, [event(n++)], { expectedRevision: round === 0 ? 'no-stream' : BigInt(round - 1) });
      if (n % 500 === 0) await appendSeal(store, { reason: 'periodic', requestedBy: null, correlationId: 'test', now });
    }
  }
  await store.close();
}

describe('Verification of a SQLite log tampered with on disk', () => {
  let template: string;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    template = mkdtempSync(join(tmpdir(), 'tamper-template-'));
    await writeLog(join(template, 'events.sqlite'));
  }, 120_000);
  afterAll(() => rmSync(template, { recursive: true, force: true }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tamper-'));
    file = join(dir, 'events.sqlite');
    const source = new Database(join(template, 'events.sqlite'), { readonly: true });
    source.prepare('VACUUM INTO ?').run(file);
    source.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function verify(anchor?: { position: string; hash: string }) {
    const store = SqliteEventStore.open(file);
    try {
      return await verifyLog(store, { contiguousPositions: true, ...(anchor ? { anchor } : {}) });
    } finally {
      await store.close();
    }
  }

  async function head() {
    const store = SqliteEventStore.open(file);
    try {
      const current = await readLogHead(store);
      return { position: current.position as string, hash: current.hash };
    } finally {
      await store.close();
    }
  }

  function tamper(change: (t: Tamperer) => void): void {
    const t = new Tamperer(file);
    try {
      change(t);
    } finally {
      t.close();
    }
  }

  it('verifies an untouched log of several thousand events as ok, with the head the anchor endpoint serves', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, checked: STREAMS * ROUNDS + 6, problems: [], seals: 6 });
    expect(report.sealedUpTo).toBe(report.head.position === null ? null : String(Number(report.head.position) - 1));
    expect(report.head).toEqual(await head());
  });

  it('names an event whose data changed by one byte as edited, at its position', async () => {
    tamper((t) => t.run("UPDATE events SET data = replace(data, 'event ', 'evenT ') WHERE position = 1240"));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ position: '1240', kind: 'edited', stream: expect.stringMatching(/^LicenceApplication-/) })]);
  });

  it('names an event deleted in the middle as deleted, at its position, with its stream and revision', async () => {
    let stream = '';
    tamper((t) => {
      const victim = t.row(1000);
      stream = victim.stream_name;
      t.run('DELETE FROM events WHERE position = 1000');
    });
    const report = await verify();
    expect(report.problems).toEqual([{ position: '1000', stream, revision: expect.any(Number), kind: 'deleted', detail: expect.any(String) }]);
  });

  it('names the deleted event a seal ends on, once, with its stream and revision', async () => {
    let cut = '';
    let stream = '';
    tamper((t) => {
      const [secondSeal] = t.db.prepare("SELECT data FROM events WHERE category = 'AuditSeal' ORDER BY position LIMIT 1 OFFSET 1").all() as { data: string }[];
      cut = (JSON.parse(secondSeal.data) as { sealedUpTo: string }).sealedUpTo;
      stream = t.row(Number(cut)).stream_name;
      t.run('DELETE FROM events WHERE position = ?', Number(cut));
    });
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ position: cut, stream, kind: 'deleted' })]);
  });

  it('detects a truncated log against an anchor taken before, though what is left is self-consistent', async () => {
    const anchor = await head();
    tamper((t) => t.run('DELETE FROM events WHERE position > ?', t.lastPosition() - 5));
    expect((await verify()).ok).toBe(true);
    const report = await verify(anchor);
    expect(report.ok).toBe(false);
    expect(report.anchor).toEqual({ ...anchor, matches: false });
    // The last seal went with the tail, so what is left after the one before it is unsealed (not a failure).
    expect(report.problems.filter((problem) => problem.kind !== 'unsealed-tail')).toEqual([
      expect.objectContaining({ position: anchor.position, kind: 'deleted' }),
    ]);
  });

  it('names two swapped events of different streams as reordered, through the seal that covers them', async () => {
    tamper((t) => t.swap(700, 705));
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ position: '700', kind: 'reordered' })]);
  });

  it('names two swapped events of a stream as reordered', async () => {
    let later = 0;
    tamper((t) => {
      const [, second, third] = t.positionsOf('LicenceApplication-42');
      later = third;
      t.swap(second, third);
    });
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ position: String(later), stream: 'LicenceApplication-42', revision: 1, kind: 'reordered' }),
    ]);
  });

  it('names a forged event inserted with a recomputed hash as inserted, at its position', async () => {
    const forgedId = randomUUID();
    tamper((t) => {
      // A forged case, chained correctly from the genesis hash, slipped into the sealed part of the log.
      t.shiftAfter(1500);
      // Recorded at the same instant as its new neighbour, so recorded-time order gives nothing away.
      const recordedAt = (t.row(1500) as unknown as { recorded_at: string }).recorded_at;
      const forged = {
        id: forgedId,
        type: 'Tested',
        streamName: 'LicenceApplication-forged',
        revision: 0n,
        recordedAt,
        dataJson: '{"n":-1}',
        metadataJson: '{"actor":"officer-9","correlationId":"x","causationId":null,"schemaVersion":1}',
      };
      t.run(
        `INSERT INTO events (position, event_id, stream_name, category, stream_revision, batch_index, batch_size, type, data, metadata, recorded_at, hash)
         VALUES (1501, ?, ?, 'LicenceApplication', 0, 0, 1, 'Tested', ?, ?, ?, ?)`,
        forged.id,
        forged.streamName,
        forged.dataJson,
        forged.metadataJson,
        recordedAt,
        eventHash(GENESIS_HASH, forged),
      );
    });
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ position: '1501', stream: 'LicenceApplication-forged', revision: 0, kind: 'inserted' }),
    ]);
  });

  it('passes a log rewritten from scratch with consistent hashes, but not against an anchor taken before', async () => {
    const anchor = await head();
    tamper((t) => {
      t.run("UPDATE events SET data = replace(data, 'event 10', 'event 99') WHERE position = 11");
      t.rewriteConsistently();
    });
    expect((await verify()).ok).toBe(true);
    const report = await verify(anchor);
    expect(report.anchor).toEqual({ ...anchor, matches: false });
    expect(report.problems).toEqual([expect.objectContaining({ position: anchor.position, kind: 'anchor-mismatch' })]);
  });

  it('reports events after the last seal as an unsealed tail, which is not a failure', async () => {
    const store = SqliteEventStore.open(file, { now });
    await store.appendToStream('LicenceApplication-1', [event(-2)], { expectedRevision: 'stream-exists' });
    await store.close();
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'unsealed-tail', stream: 'LicenceApplication-1' })]);
  });
});

describe('Migration of a data directory written before the hash chain', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes every existing event once and records it in a migration seal, after which the log verifies', async () => {
    const file = join(dir, 'events.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    applyMigrations(old, EVENT_STORE_MIGRATIONS.slice(0, 1));
    const insert = old.prepare(
      `INSERT INTO events (event_id, stream_name, category, stream_revision, batch_index, batch_size, type, data, metadata, recorded_at)
       VALUES (?, ?, 'CountryPolicy', ?, 0, 1, 'CountryStatusChanged', ?, '{"actor":"system:seed","correlationId":"seed","causationId":null,"schemaVersion":1}', ?)`,
    );
    for (let n = 0; n < 60; n++) insert.run(randomUUID(), `CountryPolicy-C${n % 6}`, Math.floor(n / 6), JSON.stringify({ n }), `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z`);
    old.close();

    const store = SqliteEventStore.open(file, { now: () => new Date('2026-01-01T00:00:00.000Z') });
    const [seal] = await store.readStream(AUDIT_SEAL_STREAM);
    expect(seal.metadata.actor).toBe('system:audit-seal');
    expect(sealDataOf(seal)).toMatchObject({ reason: 'migration', migratedEvents: 60, eventCount: 60, sealedUpTo: '60' });
    const report = await verifyLog(store, { contiguousPositions: true });
    expect(report).toMatchObject({ ok: true, checked: 61, sealedUpTo: '60', problems: [] });
    const migrations = store.database.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(migrations).toEqual(EVENT_STORE_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(() => store.database.prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
    expect(formatAnchor({ position: String(report.head.position), hash: report.head.hash })).toMatch(/^[0-9a-f]{64}@61$/);
    await store.close();
  });

  it('appends no seal when it migrates an empty log', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    expect(await store.lastPosition()).toBeNull();
    await store.close();
  });
});
