import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import type { CaseListRecord } from '../case-list/cases.schema';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { keysetPage } from '../../shared/http/keyset-page';
import { encodeCursor } from './application-cursor';
import { ListApplicationsQuery, type ApplicationListItem, type ApplicationListView } from './list-applications.query';

/** A listed case: its row, with its countries as a JSON array. */
type Row = Omit<CaseListRecord, 'last_position'> & { countries: string };

/**
 * A page of the case list, newest first (submittedAt DESC, id DESC). Keyset pagination: the cursor is the last
 * item's sort key, so a page never repeats or skips a case because cases were added meanwhile.
 */
export function listApplications(db: Database.Database, query: ListApplicationsQuery): ApplicationListView {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: query.limit + 1 };
  const { status, country, reviewTrack, assignee, flagged } = query.filters;
  const filter = (condition: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(condition);
    params[name] = value;
  };
  filter('c.status = @status', 'status', status);
  filter('c.review_track = @reviewTrack', 'reviewTrack', reviewTrack);
  filter('c.assignee = @assignee', 'assignee', assignee);
  if (flagged !== undefined) {
    where.push('c.flagged_for_review = @flagged');
    params.flagged = flagged ? 1 : 0;
  }
  if (country !== undefined) {
    where.push('EXISTS (SELECT 1 FROM case_countries k WHERE k.application_id = c.application_id AND k.country = @country)');
    params.country = country;
  }
  if (query.after !== null) {
    where.push('(c.submitted_at, c.application_id) < (@afterSubmittedAt, @afterId)');
    params.afterSubmittedAt = query.after.submittedAt;
    params.afterId = query.after.applicationId;
  }
  const rows = db
    .prepare<Record<string, string | number>, Row>(
      `SELECT c.application_id, c.status, c.review_track, c.assignee, c.licence_type, c.applicant_name, c.value_usd,
         (SELECT json_group_array(country) FROM
           (SELECT country FROM case_countries k WHERE k.application_id = c.application_id ORDER BY country)) AS countries,
         c.submitted_at, c.last_changed_at, c.valid_until, c.flagged_for_review, c.last_revision
       FROM case_list c
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.submitted_at DESC, c.application_id DESC
       LIMIT @limit`,
    )
    .all(params);
  return keysetPage(rows, query.limit, toItem, (last) =>
    encodeCursor({ submittedAt: last.submitted_at, applicationId: last.application_id }),
  );
}

function toItem(row: Row): ApplicationListItem {
  return {
    id: row.application_id,
    status: row.status,
    reviewTrack: row.review_track,
    assignee: row.assignee,
    licenceType: row.licence_type,
    applicantName: row.applicant_name,
    valueUsd: row.value_usd,
    countries: JSON.parse(row.countries) as string[],
    submittedAt: row.submitted_at,
    lastChangedAt: row.last_changed_at,
    validUntil: row.valid_until,
    flaggedForReview: row.flagged_for_review === 1,
    revision: row.last_revision,
  };
}

@QueryHandler(ListApplicationsQuery)
export class ListApplicationsHandler implements IQueryHandler<ListApplicationsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(query: ListApplicationsQuery): Promise<ApplicationListView> {
    await this.readModels.refresh();
    return this.readModels.read((db) => listApplications(db, query));
  }
}
