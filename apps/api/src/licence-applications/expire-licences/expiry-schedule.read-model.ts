import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { ReadModels } from '../../shared/read-models/read-models.service';

/** A licence whose last valid day has passed and that is still approved or suspended. */
export interface DueLicenceExpiry {
  readonly applicationId: string;
  readonly validUntil: string;
}

const DUE = 'SELECT application_id, valid_until FROM licence_expiry';

type DueRow = { application_id: string; valid_until: string };

const dueOf = (rows: readonly DueRow[]): DueLicenceExpiry[] =>
  rows.map((row) => ({ applicationId: row.application_id, validUntil: row.valid_until }));

/** Up to `limit` licences with `validUntil < today` (a YYYY-MM-DD date), still approved or suspended, oldest first. */
export function dueExpiries(db: Database.Database, today: string, limit: number): DueLicenceExpiry[] {
  return dueOf(db.prepare<[string, number], DueRow>(`${DUE} WHERE valid_until < ? ORDER BY valid_until, application_id LIMIT ?`).all(today, limit));
}

/** {@link dueExpiries} from PostgreSQL (dates and ids in byte order, as SQLite compares them). */
export async function dueExpiriesInPostgres(db: Sql, today: string, limit: number): Promise<DueLicenceExpiry[]> {
  return dueOf((await db.query<DueRow>(`${DUE} WHERE valid_until < $1 ORDER BY valid_until, application_id LIMIT $2`, [today, limit])).rows);
}

/** The due licences on whichever database holds the read models. */
export const dueLicenceExpiries = (today: string, limit: number): ReadModelQuery<DueLicenceExpiry[]> => ({
  sqlite: (db) => dueExpiries(db, today, limit),
  postgres: (db) => dueExpiriesInPostgres(db, today, limit),
});

/**
 * The licence expiry schedule: approved and suspended licences with their last valid day, kept by the case
 * projection (a revocation or an expiry removes the licence). Durable, so a licence that expired while the server
 * was down is found at the next start.
 */
@Injectable()
export class ExpiryScheduleReadModel {
  constructor(private readonly readModels: ReadModels) {}

  /** Catches up with the log first, then answers the licences due for expiry on `today`. */
  async dueExpiries(today: string, limit: number): Promise<DueLicenceExpiry[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be a date (YYYY-MM-DD), got ${today}`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    await this.readModels.refresh();
    return this.readModels.query(dueLicenceExpiries(today, limit));
  }
}
