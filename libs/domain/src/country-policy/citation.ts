import type { CalendarDate } from '../kernel/calendar-date';

/**
 * Where a §126.1 change was published. Federal Register volume/page (`frCitation`, e.g. "86 FR 70053"),
 * FR document number (e.g. "2021-26590") and publication date; each is null where the sources did not give it.
 * `notes` holds any other source reference (a public notice, a RIN, a secondary source).
 */
export interface Citation {
  readonly frCitation: string | null;
  readonly frDocument: string | null;
  readonly publishedOn: CalendarDate | null;
  readonly title: string | null;
  readonly notes: string | null;
}

/** A short human-readable form, e.g. "86 FR 70053 (FR Doc 2021-26590, 2021-12-09)". */
export function formatCitation(citation: Citation): string {
  const details = [
    citation.frDocument ? `FR Doc ${citation.frDocument}` : null,
    citation.publishedOn,
  ].filter((part): part is string => part !== null);
  const head = citation.frCitation ?? citation.notes ?? 'uncited';
  return details.length > 0 ? `${head} (${details.join(', ')})` : head;
}
