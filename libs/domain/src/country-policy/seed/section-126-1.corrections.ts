/**
 * Corrections of the seeded §126.1 history (docs/regulation.md; sources checked against the Federal Register).
 * The log is append-only and the seed's keys are hashed into event ids, so a wrong seed entry is never edited: a
 * correction is a new change with its own key that supersedes the entry (`correcting`), withdraws it
 * (`withdrawing`: an editorial rule that changed no paragraph), or records a historical change late (`recordedLate`).
 * An existing data directory receives them at its next start; a fresh one records the history and then these, so
 * both hold the same log. Where a fact could not be confirmed it is listed in `unconfirmed`.
 * Keys follow the seed's rule (seed-builders.ts): the date in a correction's key is its effective date.
 */
import type { Citation } from '../citation';
import { EXCEPTION_CODES } from '../policy-status';
import {
  citation,
  keyParts,
  statusChange,
  TABLE_1,
  table2,
  uniqueKeys,
  type Standing,
  type StatusAction,
  type UnconfirmedField,
} from './seed-builders';
import { SECTION_126_1_SEED, type SeedChange } from './section-126-1.seed';

/** What a correction changes in the entry it corrects: only the fields (and citation parts) it names, always its reason. */
interface Correcting extends Partial<Standing> {
  readonly citation?: Partial<Citation>;
  readonly reason: string;
  readonly unconfirmed?: readonly UnconfirmedField[];
}

/** The seed entry `supersedes` as recorded, with the changes `fields` names, effective on the date in `key`. */
function correcting(supersedes: string, key: string, fields: Correcting, withdraws = false): SeedChange {
  const entry = SECTION_126_1_SEED.find((seed) => seed.key === supersedes)?.change;
  if (entry === undefined) throw new Error(`No seed entry ${supersedes} to correct`);
  const { countryCode, effectiveOn } = keyParts(key);
  if (countryCode !== entry.countryCode) throw new Error(`Correction ${key} is not of ${entry.countryCode}`);
  const { citation: parts = {}, ...changed } = fields;
  const change = { ...entry, ...changed, citation: citation({ ...entry.citation, ...parts }), effectiveOn };
  return { key, correction: { supersedes, withdraws }, change };
}

/** The seed entry `supersedes` withdrawn as a policy version: nothing replaces it. */
function withdrawing(supersedes: string, key: string, reason: string): SeedChange {
  return correcting(supersedes, key, { reason }, true);
}

/** A historical change the seed missed, recorded late as a change of a seeded country. */
function recordedLate(key: string, action: StatusAction): SeedChange {
  const { countryCode } = keyParts(key);
  const seeded = SECTION_126_1_SEED.find((seed) => seed.change.countryCode === countryCode)?.change;
  if (seeded === undefined) throw new Error(`No seeded country ${countryCode} for ${key}`);
  return { key, correction: { supersedes: null, withdraws: false }, change: statusChange(key, seeded.countryName, action) };
}

/** FR Doc E7-2034 (2007-02-07): Libya moved to ¶(k), Venezuela added to §126.1(a). */
const E7_2034: Partial<Citation> = {
  frDocument: 'E7-2034',
  publishedOn: '2007-02-07',
  title: 'Amendment of the International Traffic in Arms Regulations: Policy With Respect to Libya and Venezuela',
  notes:
    'Effective 2007-02-07. The rule begins on the page before 72 FR 5615; its first page was not confirmed. Read on federal.elaws.us (fr/2/7/2007/e7-2034)',
};

const CYPRUS_WAIVER_ANY_END_USE =
  'Correction: the waiver (NDAA FY2020 §1250A(d), EMSEPA §205(d)) covered all non-lethal defense articles and defense services, whatever the end use, so every end use is case by case. Lethal articles stayed under the policy of denial: the case does not record whether its articles are lethal, so the officer must check that they are non-lethal.';

const AFGHANISTAN_NO_UNSOURCED_EXCEPTION =
  'Correction: ¶(g) is recorded without exceptions. The 2002 release allowed the Government of Afghanistan and ISAF case by case, but the text of ¶(g) (and its reading after the 2021 Taliban takeover) was not verified, so, as for Ethiopia, Eritrea and Zimbabwe, no exception is applied unless sourced: every end use stays under the policy of denial.';

export const SECTION_126_1_CORRECTIONS: readonly SeedChange[] = uniqueKeys([
  // ── Afghanistan: the cautious convention (no exception unless sourced), as for Ethiopia, Eritrea and Zimbabwe ──
  correcting('AF-2002-07-01-eased', 'AF-2002-07-01-eased-no-unsourced-exception', {
    exceptions: [],
    reason: AFGHANISTAN_NO_UNSOURCED_EXCEPTION,
  }),
  correcting('AF-2012-12-31-amended', 'AF-2012-12-31-amended-no-unsourced-exception', {
    exceptions: [],
    reason: AFGHANISTAN_NO_UNSOURCED_EXCEPTION,
  }),

  // ── Cambodia: the 2025 table re-insertion is editorial, not a new version of ¶(o) ──
  withdrawing(
    'KH-2025-07-07-table-reinserted',
    'KH-2025-07-07-table-reinsertion-withdrawn',
    "Correction: 90 FR 29720 only re-inserted Cambodia into the Table 2 list; ¶(o) stayed in force throughout. Like the same rule's Eritrea/Ethiopia order fix, this is editorial, so it is withdrawn as a policy version: ¶(o)'s authority remains 86 FR 70053 until FR Doc 2025-19822.",
  ),

  // ── Democratic Republic of the Congo: the sourced dates of ¶(i) ──
  correcting('CD-2004-01-01-listed', 'CD-2004-02-17-paragraph-i-created', {
    citation: {
      notes:
        'Final rule effective 2004-02-17 (International Trade Today, 2004-02-23) [S] [27]; its FR citation was not found',
    },
    reason:
      'Correction: ¶(i) took effect on 2004-02-17 (UNSCR 1493), moving the DRC out of the §126.1(a) list: denial except non-lethal equipment and training to MONUC, the transitional government and the integrated army and police, and humanitarian or protective use notified to the UN. The mapping to exception codes is an interpretation.',
    unconfirmed: ['exceptions', 'citation.frCitation', 'citation.frDocument', 'citation.publishedOn'],
  }),
  correcting('CD-2005-01-01-expanded', 'CD-2005-08-29-paragraph-i-expanded', {
    citation: {
      frCitation: '70 FR 50966',
      publishedOn: '2005-08-29',
      title: 'Amendment to the International Traffic in Arms Regulations: Section 126.1(i)',
      notes: '70 FR 50966–50967; Public Notice 5177; RIN 1400-ZA18; effective 2005-08-29 [S] [27]',
    },
    reason:
      'Correction: ¶(i) expanded to a nation-wide embargo under UNSCR 1596, effective 2005-08-29 (70 FR 50966). The exception codes carry over.',
    unconfirmed: ['exceptions'],
  }),

  // ── Cyprus: the FY2021–22 waiver covered every non-lethal article whatever the end use; FY2025 source not found ──
  correcting('CY-2020-10-01-fy2021-partial-waiver', 'CY-2020-10-01-fy2021-partial-waiver-any-end-use', {
    exceptions: [...EXCEPTION_CODES],
    citation: {
      title: 'International Traffic in Arms Regulations: Temporary Update to Republic of Cyprus (Cyprus) Country Policy',
    },
    reason: CYPRUS_WAIVER_ANY_END_USE,
  }),
  correcting('CY-2021-09-30-fy2022-waiver-extended', 'CY-2021-09-30-fy2022-waiver-extended-any-end-use', {
    exceptions: [...EXCEPTION_CODES],
    reason: CYPRUS_WAIVER_ANY_END_USE,
  }),
  correcting('CY-2024-10-01-fy2025-suspension', 'CY-2024-10-01-fy2025-suspension-source-not-found', {
    citation: {
      title: 'SOURCE NOT FOUND: no Federal Register rule for the FY2025 Cyprus suspension was located',
      notes:
        'Source not found. Inferred from the annual renewals before (88 FR 63016) and after (FR Doc 2025-17287) it [M]',
    },
    reason:
      'Suspension of the policy of denial presumed renewed for FY2025 (2024-10-01 to 2025-09-30). Source not found: every field is inferred from the FY2024 and FY2026 suspensions. Verify against the Federal Register.',
  }),

  // ── Eritrea: listed effective 2008-10-03 by 73 FR 58041 (published 2008-10-06) ──
  correcting('ER-2008-01-01-listed', 'ER-2008-10-03-listed', {
    citation: {
      publishedOn: '2008-10-06',
      title: 'Amendment to the International Arms Traffic in Arms Regulations: Eritrea',
      notes: '73 FR 58041–58042; Public Notice 6384; effective 2008-10-03, before publication [S] [32]',
    },
    reason:
      'Correction: Eritrea was added to the §126.1(a) list (a plain policy of denial) effective 2008-10-03, after the AECA §40A determination that it was not cooperating fully with antiterrorism efforts (73 FR 29172).',
    unconfirmed: [],
  }),

  // ── Libya: a plain denial until 2007-02-07, then ¶(k) ──
  correcting('LY-1990-01-01-listed', 'LY-1990-01-01-plain-denial', {
    ...TABLE_1,
    citation: {
      notes: 'Listed in §126.1(a) and (d) until FR Doc E7-2034 (2007-02-07); the listing rule and date are not in the sources',
    },
    reason:
      'Correction: until 2007-02-07 Libya was in the §126.1(a) list, a plain policy of denial with no exceptions. The listing date is not in the sources, so 1990-01-01 stays the long-standing stand-in (unconfirmed).',
    unconfirmed: ['effectiveOn'],
  }),
  recordedLate('LY-2007-02-07-paragraph-k', {
    standing: table2('(k)', 'non-lethal-humanitarian'),
    citation: E7_2034,
    reason:
      'Recorded late: FR Doc E7-2034 deleted Libya from §126.1(a) and (d) and added ¶(k): denial except, case by case, non-lethal defense articles and services and non-lethal safety-of-use spare parts. Mapping that to non-lethal-humanitarian is an interpretation.',
    unconfirmed: ['exceptions', 'citation.frCitation'],
  }),

  // ── Venezuela: policy of denial from 2006-08-17, in §126.1(a) from 2007-02-07 ──
  correcting('VE-2006-01-01-listed', 'VE-2006-08-17-policy-of-denial', {
    citation: {
      frCitation: '71 FR 47554',
      publishedOn: '2006-08-17',
      notes: 'Public notice effective 2006-08-17; FR Doc number not found',
    },
    reason:
      'Correction: from 2006-08-17 the United States denies all licences and approvals for Venezuela and revoked those issued (71 FR 47554), after the May 2006 AECA §40A determination. Venezuela entered the §126.1(a) list on 2007-02-07 (FR Doc E7-2034).',
    unconfirmed: ['citation.frDocument'],
  }),
  recordedLate('VE-2007-02-07-added-126-1-a', {
    standing: TABLE_1,
    citation: E7_2034,
    reason:
      'Recorded late: FR Doc E7-2034 added Venezuela to §126.1(a) as a country not cooperating fully with antiterrorism efforts (AECA §40A), confirming the policy of denial of 71 FR 47554 (today Table 1, §126.1(d)(1)).',
    unconfirmed: ['citation.frCitation'],
  }),
]);
