import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { GetOfficerWorkloadQuery, type OfficerWorkload } from './get-officer-workload.query';

const PENDING = new Set(['submitted', 'under-review', 'referred']);

interface WorkloadRow {
  officer_id: string;
  status: string;
  count: number;
}

/** Each officer's assigned cases by status, from the counters the case projection keeps; sorted by officer id. */
export function readOfficerWorkload(db: Database.Database, officerId?: string): OfficerWorkload[] {
  const rows = db
    .prepare<{ officerId: string | null }, WorkloadRow>(
      `SELECT officer_id, status, count FROM officer_workload
       WHERE @officerId IS NULL OR officer_id = @officerId ORDER BY officer_id, status`,
    )
    .all({ officerId: officerId ?? null });
  return workloadOf(rows);
}

/** {@link readOfficerWorkload} from PostgreSQL (officer ids in byte order, as SQLite sorts them). */
export async function readOfficerWorkloadInPostgres(db: Sql, officerId?: string): Promise<OfficerWorkload[]> {
  const { rows } = await db.query<WorkloadRow>(
    `SELECT officer_id, status, count FROM officer_workload
     WHERE $1::text IS NULL OR officer_id = $1 ORDER BY officer_id, status`,
    [officerId ?? null],
  );
  return workloadOf(rows);
}

/** The workload on whichever database holds the read models. */
export const officerWorkload = (officerId?: string): ReadModelQuery<OfficerWorkload[]> => ({
  sqlite: (db) => readOfficerWorkload(db, officerId),
  postgres: (db) => readOfficerWorkloadInPostgres(db, officerId),
});

/** The officers of counter rows sorted by officer id, each with their cases summed by kind. */
function workloadOf(rows: readonly WorkloadRow[]): OfficerWorkload[] {
  const officers = new Map<string, OfficerWorkload>();
  for (const row of rows) {
    let officer = officers.get(row.officer_id);
    if (officer === undefined) {
      officer = { officerId: row.officer_id, underReview: 0, referred: 0, open: 0, decided: 0 };
      officers.set(row.officer_id, officer);
    }
    if (row.status === 'under-review') officer.underReview += row.count;
    if (row.status === 'referred') officer.referred += row.count;
    if (PENDING.has(row.status)) officer.open += row.count;
    else officer.decided += row.count;
  }
  return [...officers.values()];
}

@QueryHandler(GetOfficerWorkloadQuery)
export class GetOfficerWorkloadHandler implements IQueryHandler<GetOfficerWorkloadQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(query: GetOfficerWorkloadQuery): Promise<{ officers: OfficerWorkload[] }> {
    await this.readModels.refresh();
    return { officers: await this.readModels.query(officerWorkload(query.officerId)) };
  }
}
