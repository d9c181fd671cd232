import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { GetOfficerWorkloadQuery, type OfficerWorkload } from './get-officer-workload.query';

const PENDING = new Set(['submitted', 'under-review', 'referred']);

/** Each officer's assigned cases by status, from the counters the case projection keeps; sorted by officer id. */
export function readOfficerWorkload(db: Database.Database, officerId?: string): OfficerWorkload[] {
  const rows = db
    .prepare<{ officerId: string | null }, { officer_id: string; status: string; count: number }>(
      `SELECT officer_id, status, count FROM officer_workload
       WHERE @officerId IS NULL OR officer_id = @officerId ORDER BY officer_id, status`,
    )
    .all({ officerId: officerId ?? null });
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
    return { officers: this.readModels.read((db) => readOfficerWorkload(db, query.officerId)) };
  }
}
