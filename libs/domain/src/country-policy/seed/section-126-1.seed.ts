/**
 * Seed data for the 22 CFR §126.1 country policy register, taken from the sourced domain notes
 * (docs/regulation.md: §1 structure, §2 country table, §3 dated history since 2016). Each Federal Register action on a
 * country is one step of that country's history (seed-builders.ts says how a step reads). Corrections of this history
 * are appended by section-126-1.corrections.ts, never made here: a published key is hashed into an event id.
 * This is not legal advice. Confirm against the eCFR before relying on it.
 *
 * Conventions
 * - Order: countries in the order of the notes' §2 table (the four countries removed in 2016 come last),
 *   then chronologically by effective date within each country, as the decider requires.
 * - `amended` is a rule that changed the country's paragraph but not its status, paragraph letter or exceptions.
 * - Every country starts with a baseline listing (from not-listed) so that the register shows its status
 *   before the dated history. Where the notes give a listing rule (Afghanistan 1996, Haiti and Sudan
 *   1994, Eritrea 2008, ...) that rule is the baseline. For a §3 addition (Russia, Ethiopia, Cambodia,
 *   South Sudan, Nicaragua) the §3 row is the baseline. If the notes give no date, the baseline is a
 *   stand-in on the first day of the period they name ("early 1990s" and "long-standing" → 1990-01-01;
 *   "2004" → 2004-01-01; "Apr 2014" → 2014-04-01). 'effectiveOn' is then listed in `unconfirmed` and the
 *   reason says the exact date is not in the sources.
 * - `unconfirmed` names the fields whose values the notes tag [M]. It also names fields that were inferred or
 *   interpreted and fields that were not found. In detail:
 *     - an effective date the sources do not state is set to the publication date and flagged;
 *     - a mapping of an exception summary onto the closed ExceptionCode vocabulary that is an
 *       interpretation is flagged as 'exceptions';
 *     - a paragraph letter tagged [M] is flagged as 'paragraph';
 *     - an FR page or FR document number that was not found is left out of the citation (null) and flagged.
 * - Paragraph letters are the late-2025 letters. The historical lettering of §126.1 is not tracked.
 * - Statuses use the current Table 1 / Table 2 structure. For older entries, written before that split,
 *   TABLE_1 means a plain policy of denial and table2(...) means a denial with the country's own carve-outs.
 * - Some Table 2 paragraphs (Ethiopia, Eritrea since 2021, Zimbabwe) restrict only some end users, or
 *   have exceptions the notes do not give. The vocabulary has no code for these, so they have no exceptions.
 *   The register therefore treats them as denial for every end use, which is the cautious reading.
 * - The Cyprus waivers: the FY2021–22 partial (non-lethal) waiver is modelled as a Table 2 exception
 *   'non-lethal-humanitarian'. This is an interpretation: the register cannot time-limit an exception.
 *   The FY2023+ full suspensions keep paragraph (r) and lapse back to it.
 *
 * Deliberately not recorded:
 * - Cambodia's 1994 removal (FR Doc 94-8003). It happened before the register's Cambodia history, which
 *   starts with the 2021 addition. Recording it would also need an unsourced earlier listing.
 * - The Eritrea/Ethiopia Table 2 order fix in 90 FR 29720 (2025-07-07). It is cosmetic, and no entry of
 *   either country changed. Recording it would bump their policy versions and make every determination
 *   for them look stale for no legal change.
 *   Cambodia's re-insertion into Table 2 by the same rule is just as editorial; it was recorded below
 *   (KH-2025-07-07-table-reinserted) and is withdrawn as a version by section-126-1.corrections.ts.
 * - The 2021 clarification of (d)(1)/(d)(2) (86 FR 60165) and the 2025 restructuring of §126.1(a)
 *   (90 FR 29720). Neither changes any country's status.
 * - Afghanistan's July 2025 removal from the MNNA list (§120.23, not §126.1). DDTC's August 2021 review
 *   of Afghanistan authorisations was a licensing action, not a change to §126.1.
 * - Russia's commercial-space-launch carve-out. It lapsed on its own terms on 2021-09-01, and the
 *   vocabulary has no code for it.
 */
import type { Citation } from '../citation';
import { country, histories, NOT_LISTED, suspended, TABLE_1, table2, type CountryHistory } from './seed-builders';
import type { SeedChange } from './seed-change';

export { seedCommand, type SeedChange } from './seed-change';

/** FR Doc 94-8003 (1994-04-04): added Haiti and Sudan (and removed Cambodia). */
const RULE_1994: Partial<Citation> = {
  frDocument: '94-8003',
  publishedOn: '1994-04-04',
  notes: 'FR Doc 94-8003 [S] [19]; the notes attribute the 1994 additions of Haiti and Sudan to this source',
};

/** 76 FR 47990 (2011-08-08): the earliest sourced rule touching Iraq, Lebanon and Zimbabwe. */
const RULE_2011: Partial<Citation> = {
  frCitation: '76 FR 47990',
  frDocument: '2011-20028',
  publishedOn: '2011-08-08',
  notes: '[S] [36]; content of the update per country not detailed in the notes',
};

/** §3 row 1: 81 FR 66804 (IFR). */
const ROW_1_2016: Partial<Citation> = {
  frCitation: '81 FR 66804',
  frDocument: '2016-23284',
  publishedOn: '2016-09-29',
  notes: 'Interim final rule; also made Tunisia an MNNA. Effective date 2016-09-29 is [M]. [S] [14]; [S2] [44]',
};

/** §3 row 13: 90 FR 29720–29724. */
const ROW_13_2025: Partial<Citation> = {
  frCitation: '90 FR 29720',
  frDocument: '2025-12560',
  publishedOn: '2025-07-07',
  notes: '90 FR 29720–29724; RIN 1400-AF83. [S] [16]; [S2] [17]',
};

/** Long-standing Table 1 listings present in the 1990s ITAR Part 126 text. */
const PART_126_1990S: Partial<Citation> = {
  notes: 'ITAR Part 126, 1990s text [S] [18]; current Table 1 listing [S2] [2]; listing rule not in the sources',
};

const LONG_STANDING =
  'Table 1 policy of denial (long-standing). The exact listing date is not in the sources; 1990-01-01 is recorded (unconfirmed).';

/**
 * Côte d'Ivoire, Liberia, Sri Lanka and Vietnam: removed by 81 FR 66804. Their listing is a stand-in so that the
 * removal has a listing to remove.
 */
function removedIn2016(countryCode: string, countryName: string): CountryHistory {
  return country(countryCode, countryName)
    .change(`${countryCode}-1990-01-01-listed`, {
      standing: TABLE_1,
      citation: {
        notes: 'Listed until its 2016 removal (81 FR 66804) [S] [14]; listing rule, date and wording not in the sources',
      },
      reason: `Baseline so that the 2016 removal has a listing to remove. ${countryName} was in §126.1 before 2016. The listing date, status and paragraph are not in the sources; 1990-01-01 and a plain denial are unconfirmed stand-ins.`,
      unconfirmed: ['effectiveOn', 'status', 'paragraph'],
    })
    .change(`${countryCode}-2016-09-29-removed`, {
      standing: NOT_LISTED,
      citation: ROW_1_2016,
      reason: `${countryName} removed from §126.1, recognising the change in U.S. policy. Licences are reviewed case by case.`,
      unconfirmed: ['effectiveOn'],
    });
}

export const SECTION_126_1_SEED: readonly SeedChange[] = histories(
  country('AF', 'Afghanistan')
    .change('AF-1996-06-27-listed', {
      standing: TABLE_1,
      citation: { frCitation: '61 FR 33313', frDocument: '96-16360', publishedOn: '1996-06-27', notes: '[S] [13]' },
      reason:
        'Policy of denial for Afghanistan formalised (61 FR 33313). The effective date is not stated in the sources; the publication date is used.',
      unconfirmed: ['effectiveOn'],
    })
    .change('AF-2002-07-01-eased', {
      standing: table2('(g)', 'government-security-forces', 'un-peacekeeping'),
      citation: {
        notes:
          'State Department release, July 2002 [S] [13]; the FR citation of the 2002 amendment is not in the sources',
      },
      reason:
        'Denial eased: the Government of Afghanistan and ISAF may be approved case by case. Only "July 2002" is in the sources, so 2002-07-01 is recorded (unconfirmed). Mapping Government of Afghanistan → government-security-forces and ISAF (UN-authorised) → un-peacekeeping is an interpretation.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .amended('AF-2012-12-31-amended', {
      citation: { frCitation: '77 FR 76864', frDocument: '2012-31217', publishedOn: '2012-12-31', notes: '[S] [13]' },
      reason:
        'Paragraph (g) amended (77 FR 76864). The notes do not describe the change, so status and exceptions carry over. The ¶(g) text after the 2021 Taliban takeover was not verified [M]. The effective date is not stated; the publication date is used.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    }),

  country('BY', 'Belarus')
    .change('BY-1992-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason:
        'Table 1 policy of denial. Listed since the early 1990s ("Byelarus"); the exact listing date is not in the sources. 1992-01-01 is recorded (unconfirmed): Belarus became independent only at the end of 1991.',
      unconfirmed: ['effectiveOn'],
    }),

  country('MM', 'Burma')
    .change('MM-1990-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason:
        'Table 1 policy of denial (long-standing arms embargo). The exact listing date is not in the sources; 1990-01-01 is recorded (unconfirmed).',
      unconfirmed: ['effectiveOn'],
    }),

  country('KH', 'Cambodia')
    .change('KH-2021-12-09-added', {
      standing: table2('(o)', 'conventional-weapons-destruction', 'humanitarian-demining'),
      citation: {
        frCitation: '86 FR 70053',
        frDocument: '2021-26590',
        publishedOn: '2021-12-09',
        notes:
          '86 FR 70053–70054; Public Notice 11601; RIN 1400-AF47. [S] [7]; [S2] [4][8][9]. Parallel BIS rule 86 FR 70015 (EAR D:5, MEU/MIEU). Cambodia had been removed from the list in 1994 (FR Doc 94-8003) [S] [19]',
      },
      reason:
        'Cambodia added to Table 2 with new ¶(o): denial of all licences and approvals, except case by case for conventional weapons destruction or humanitarian demining. Grounds given: PRC military presence on the Gulf of Thailand, corruption and human-rights abuses.',
    })
    .amended('KH-2025-07-07-table-reinserted', {
      citation: ROW_13_2025,
      reason:
        'Data-quality fix: an earlier rulemaking had accidentally dropped Cambodia from Table 2, and this rule re-inserted it. Paragraph (o) stayed in force throughout, so status, paragraph and exceptions are unchanged.',
    })
    .change('KH-2025-11-07-removed', {
      standing: NOT_LISTED,
      citation: {
        frDocument: '2025-19822',
        publishedOn: '2025-11-07',
        title: 'International Traffic in Arms Regulations: Changes to Section 126.1',
        notes:
          'FR page number not found. [S] [20]; [S2] [11][12][47]. Announced by the White House around 2025-10-26 [S2] [47][48]. EAR follow-up: BIS FR Doc 2026-02262 (Feb 2026) removes Cambodia from D:5; it stays in D:1',
      },
      announcedOn: '2025-10-26',
      reason:
        'Cambodia removed from Table 2 and ¶(o) deleted. Licences are now reviewed case by case, and ITAR exemptions are available again where their criteria are met (e.g. §126.18(c) transfers to Cambodian dual and third-country nationals). Stated grounds: its pursuit of peace and security, renewed defense cooperation with the U.S. and action on transnational crime. DDTC applied case-by-case review for about a week before publication.',
      unconfirmed: ['citation.frCitation', 'announcedOn'],
    }),

  country('CF', 'Central African Republic')
    .change('CF-2014-04-01-listed', {
      standing: table2(
        '(u)',
        'un-peacekeeping',
        'non-lethal-humanitarian',
        'protective-equipment',
        'government-security-forces',
      ),
      citation: {
        notes:
          'Trade press on the April 2014 listing [S] [25]; the FR citation of the listing rule is not in the sources',
      },
      reason:
        'Central African Republic added with UN-aligned exceptions. The notes give only "April 2014", so 2014-04-01 is recorded (unconfirmed). Exceptions map MINUSCA/AU/EU/French forces → un-peacekeeping, non-lethal humanitarian supplies, protective gear, and security sector reform → government-security-forces. This is an interpretation, and the wording at listing is not in the sources.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    })
    .amended('CF-2020-07-22-amended', {
      citation: {
        frCitation: '85 FR 44188',
        frDocument: '2020-13511',
        publishedOn: '2020-07-22',
        notes: '[S] [25]; effective date not found',
      },
      reason:
        'Paragraph for the Central African Republic amended. The notes do not detail the change; status and exceptions carry over. The effective date was not found, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    })
    .amended('CF-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason:
        'Updated to recent UN Security Council resolutions. UNSCR 2693 (2023) ended committee notification for supplies to CAR security forces. Status unchanged.',
      unconfirmed: ['paragraph', 'exceptions'],
    }),

  country('CN', 'China')
    .change('CN-1990-01-01-listed', {
      standing: TABLE_1,
      citation: { notes: 'Embargo since 1989–90 [S2] [2][10]; listing rule not in the sources' },
      reason:
        'Table 1 policy of denial (embargo since 1989–90). The exact listing date is not in the sources; 1990-01-01 is recorded (unconfirmed), the date by which both readings agree it was in force.',
      unconfirmed: ['effectiveOn'],
    }),

  country('CD', 'Democratic Republic of the Congo')
    .change('CD-2004-01-01-listed', {
      standing: table2('(i)', 'government-security-forces', 'un-peacekeeping', 'non-lethal-humanitarian'),
      citation: { notes: 'Trade press, Feb 2004 [S] [27]; the FR citation of the 2004 rule is not in the sources' },
      reason:
        'Paragraph (i) created in 2004. This is the earliest sourced form of the DRC entry; the original listing date is not in the sources, so 2004-01-01 is recorded (unconfirmed). The arms embargo targets non-state armed groups, with carve-outs for the government, the UN mission and non-lethal/humanitarian supplies. Which carve-outs existed in 2004 is not detailed.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .amended('CD-2005-01-01-expanded', {
      citation: { frDocument: '05-17122', notes: '2005 DRC rule [S] [27]; FR page and date not in the notes' },
      reason:
        'Paragraph (i) expanded in 2005. The exact date is not in the sources, so 2005-01-01 is recorded (unconfirmed). The vocabulary cannot show the difference, so the exception codes carry over.',
      unconfirmed: ['effectiveOn', 'exceptions', 'citation.frCitation', 'citation.publishedOn'],
    })
    .amended('CD-2016-09-29-un-exemptions', {
      citation: ROW_1_2016,
      reason: 'Paragraph (i) updated for UN exemptions (81 FR 66804). Status unchanged.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .amended('CD-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason:
        'Updated to recent UN Security Council resolutions. Transfers to the DRC government no longer need prior notification to the UN. Status unchanged.',
    }),

  country('CU', 'Cuba')
    .change('CU-1990-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason: LONG_STANDING,
      unconfirmed: ['effectiveOn'],
    }),

  country('CY', 'Cyprus')
    .change('CY-1987-01-01-listed', {
      standing: table2('(r)'),
      citation: { notes: 'Embargo dating from 1987 (notes §2, Cyprus row); the listing rule is not in the sources' },
      reason:
        'Cyprus arms embargo dating from 1987 (Table 2). Only the year is in the sources, so 1987-01-01 is recorded (unconfirmed). The historical exceptions of ¶(r) are not in the sources.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    })
    .change('CY-2020-10-01-fy2021-partial-waiver', {
      standing: table2('(r)', 'non-lethal-humanitarian'),
      citation: {
        frCitation: '85 FR 60698',
        frDocument: '2020-20902',
        publishedOn: '2020-09-28',
        notes: 'Temporary FY2021 waiver. [S] [28]; effective 2020-10-01 per [S2] [45]',
      },
      reason:
        'Policy of denial waived for FY2021 (to 2021-09-30) for non-lethal defense articles only, under NDAA FY2020 §1250A(d) and EMSEPA §205(d). Modelled as a Table 2 exception "non-lethal-humanitarian". This is an interpretation: the waiver covered non-lethal items generally, and the register cannot time-limit an exception.',
      unconfirmed: ['paragraph', 'exceptions'],
    })
    .amended('CY-2021-09-30-fy2022-waiver-extended', {
      citation: {
        frCitation: '86 FR 54044',
        publishedOn: '2021-09-30',
        notes: 'FR Doc number not found; publication date per [S2] [33][46]',
      },
      reason:
        'Partial (non-lethal) waiver extended to 2022-09-30. The effective date is not in the sources, so the publication date is used. The FY2022 waiver period itself begins 2021-10-01.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions', 'citation.frDocument'],
    })
    .change('CY-2022-10-01-fy2023-suspension', {
      standing: suspended('2023-09-30', table2('(r)')),
      citation: {
        frCitation: '87 FR 71250',
        frDocument: '2022-25541',
        publishedOn: '2022-11-22',
        notes: '[S] [20]; policy from 2022-10-01 per [S2] [31]',
      },
      reason:
        'Policy of denial suspended in full for FY2023 (2022-10-01 to 2023-09-30). The rule was published on 2022-11-22, after the policy took effect. ¶(r) stays in §126.1, and the denial applies again when the suspension ends unless it is extended.',
      unconfirmed: ['paragraph'],
    })
    .change('CY-2023-10-01-fy2024-suspension', {
      standing: suspended('2024-09-30', table2('(r)')),
      citation: { frCitation: '88 FR 63016', frDocument: '2023-19851', publishedOn: '2023-09-14', notes: '[S] [29]' },
      reason: 'Suspension of the policy of denial renewed for FY2024 (2023-10-01 to 2024-09-30).',
      unconfirmed: ['paragraph'],
    })
    .change('CY-2024-10-01-fy2025-suspension', {
      standing: suspended('2025-09-30', table2('(r)')),
      citation: {
        notes:
          'FY2025 suspension rule NOT FOUND in the sources [M]. Inferred from the annual renewals before and after it ([S2] [30] describes FY2026 as an extension)',
      },
      reason:
        'Suspension of the policy of denial presumed renewed for FY2025 (2024-10-01 to 2025-09-30). The rule was not found; every field is inferred from the FY2024 and FY2026 suspensions. Verify against the Federal Register.',
      unconfirmed: [
        'status',
        'paragraph',
        'suspendedUntil',
        'statusAfterSuspension',
        'effectiveOn',
        'citation.frCitation',
        'citation.frDocument',
        'citation.publishedOn',
      ],
    })
    .change('CY-2025-10-01-fy2026-suspension', {
      standing: suspended('2026-09-30', table2('(r)')),
      citation: {
        frDocument: '2025-17287',
        publishedOn: '2025-09-09',
        notes: 'FR page not found. [S] [20]; [S2] [30]',
      },
      reason: 'Suspension of the policy of denial renewed for FY2026 (2025-10-01 to 2026-09-30).',
      unconfirmed: ['paragraph', 'citation.frCitation'],
    }),

  country('ER', 'Eritrea')
    .change('ER-2008-01-01-listed', {
      standing: TABLE_1,
      citation: {
        frCitation: '73 FR 58041',
        frDocument: 'E8-23575',
        notes: 'AECA §40A (not cooperating fully against terrorism). [S] [32]; publication day not in the notes',
      },
      reason:
        'Eritrea added in 2008 after the AECA §40A determination. The notes give only the year, so 2008-01-01 is recorded (unconfirmed). Recorded as a plain denial because UN-based exceptions came with the 2016 update; that is an inference.',
      unconfirmed: ['effectiveOn', 'status', 'citation.publishedOn'],
    })
    .change('ER-2016-09-29-un-exemptions', {
      standing: table2('(h)', 'non-lethal-humanitarian', 'protective-equipment'),
      citation: ROW_1_2016,
      reason:
        'Paragraph (h) updated for UN exemptions, allowing UN-based case-by-case exceptions. The notes do not list them; mapping to non-lethal-humanitarian and protective-equipment is an interpretation.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .change('ER-2021-11-01-tightened', {
      standing: table2('(h)'),
      citation: {
        frCitation: '86 FR 60165',
        frDocument: '2021-23450',
        publishedOn: '2021-11-01',
        notes: '[S] [6]; [S2] [33]',
      },
      reason:
        'Paragraph (h) tightened: denial for the armed forces, police, intelligence and other internal security forces, and the earlier UN-based exceptions removed. The vocabulary has no code for non-security end users, so exceptions are empty (the cautious reading).',
      unconfirmed: ['exceptions'],
    }),

  country('ET', 'Ethiopia')
    .change('ET-2021-11-01-added', {
      standing: table2('(n)'),
      citation: {
        frCitation: '86 FR 60165',
        frDocument: '2021-23450',
        publishedOn: '2021-11-01',
        notes: '[S] [6]; still in Table 2 in July 2025 [S2] [16]',
      },
      reason:
        'Ethiopia added to Table 2 with new ¶(n): denial for the armed forces, police, intelligence and internal security forces. The vocabulary has no code for non-security end users, so exceptions are empty (the cautious reading).',
      unconfirmed: ['exceptions'],
    }),

  country('HT', 'Haiti')
    .change('HT-1994-04-04-listed', {
      standing: TABLE_1,
      citation: RULE_1994,
      reason:
        'Haiti added in 1994. Recorded as a plain denial because the sources describe a "partial lift" in 2006; that is an inference. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'status', 'citation.frCitation'],
    })
    .change('HT-2006-10-04-partial-lift', {
      standing: table2('(j)', 'government-security-forces', 'un-peacekeeping', 'protective-equipment'),
      citation: {
        frDocument: 'E6-16386',
        publishedOn: '2006-10-04',
        notes: 'Haiti 2006 partial lift [S] [34]; FR page not in the notes',
      },
      reason:
        'Partial lift: case by case for Haitian government security units, UN and UN-authorised missions, and protective gear. Mapping these to codes is an interpretation, and the 2006 wording is not detailed. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'exceptions', 'citation.frCitation'],
    })
    .amended('HT-2012-02-29-coast-guard', {
      citation: { frCitation: '77 FR 12201', frDocument: '2012-4855', publishedOn: '2012-02-29', notes: '[S] [35]' },
      reason:
        'Paragraph (j) amended to include the Haitian Coast Guard among the government security units. The exception codes are unchanged. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .amended('HT-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason:
        'Updated to recent UN Security Council resolutions: the UN export changes were adopted, but imports from Haiti stay restricted. Status unchanged.',
      unconfirmed: ['exceptions'],
    }),

  country('IR', 'Iran')
    .change('IR-1990-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason: LONG_STANDING,
      unconfirmed: ['effectiveOn'],
    }),

  country('IQ', 'Iraq')
    .change('IQ-2011-08-08-listed', {
      standing: table2('(f)', 'government-security-forces', 'un-peacekeeping'),
      citation: RULE_2011,
      reason:
        'Iraq was listed before this update. The original listing date is not in the sources, so the register starts from the 2011 update (76 FR 47990), the earliest sourced rule. Exceptions for the Government of Iraq and coalition/UN-authorised forces [M]. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    }),

  country('KP', 'North Korea')
    .change('KP-1990-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason: LONG_STANDING,
      unconfirmed: ['effectiveOn'],
    }),

  country('LB', 'Lebanon')
    .change('LB-2011-08-08-listed', {
      standing: table2('(t)', 'government-security-forces', 'un-peacekeeping'),
      citation: RULE_2011,
      reason:
        'Lebanon was listed before this update. The original listing date is not in the sources, so the register starts from the 2011 update (76 FR 47990), the earliest sourced rule. UNSCR 1701-type exceptions for the Lebanese Armed Forces and UNIFIL [M]. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    }),

  country('LY', 'Libya')
    .change('LY-1990-01-01-listed', {
      standing: table2('(k)', 'government-security-forces', 'non-lethal-humanitarian', 'protective-equipment'),
      citation: {
        notes: 'Listed before the July 2025 update [S2] [17]; the listing rule and date are not in the sources',
      },
      reason:
        'Libya was listed before the July 2025 update. The sources give neither the listing date nor the earlier wording, so 1990-01-01 is the long-standing stand-in (unconfirmed). The entry is recorded in its current Table 2 form: UN embargo exceptions for government security forces (with UN approval or notification), non-lethal humanitarian supplies and protective gear [M].',
      unconfirmed: ['effectiveOn', 'status', 'paragraph', 'exceptions'],
    })
    .amended('LY-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason:
        'Updated to recent UN Security Council resolutions, adding a new UN-derived exclusion for defense services. Status unchanged.',
      unconfirmed: ['paragraph', 'exceptions'],
    }),

  country('NI', 'Nicaragua')
    .change('NI-2024-03-15-added', {
      standing: table2('(p)', 'non-lethal-humanitarian'),
      citation: {
        frCitation: '89 FR 18796',
        frDocument: '2024-05695',
        publishedOn: '2024-03-15',
        notes: '[S] [20]; [S2] [23][37][38]',
      },
      reason:
        'Nicaragua added to Table 2 with new ¶(p): case by case only for non-lethal military equipment intended solely for humanitarian assistance, including natural-disaster relief.',
    }),

  country('RU', 'Russia')
    .change('RU-2021-03-18-added', {
      standing: table2('(l)', 'government-space-cooperation'),
      citation: {
        frCitation: '86 FR 14802',
        frDocument: '2021-05530',
        publishedOn: '2021-03-18',
        notes: '[S] [39][1]; [S2] [40]',
      },
      reason:
        'Russia added to Table 2: case by case for government space cooperation, and the §126.1(a) USG space-cooperation exemption also applies. Commercial space launch was allowed only until 2021-09-01; it is not modelled separately because the vocabulary has no code for it.',
      unconfirmed: ['paragraph'],
    }),

  country('SO', 'Somalia')
    .change('SO-2007-05-22-listed', {
      standing: table2('(m)', 'un-peacekeeping', 'government-security-forces'),
      citation: {
        publishedOn: '2007-05-22',
        notes: 'Paragraph (m) created 2007-05-22 [S2] [41]; FR citation not in the sources',
      },
      reason:
        'Paragraph (m) created, with exceptions for AMISOM and Somali security-sector institutions (after UN notification). This is the earliest sourced form of the Somalia entry; the original listing date is not in the sources. Mapping AMISOM → un-peacekeeping and security-sector institutions → government-security-forces is an interpretation.',
      unconfirmed: ['effectiveOn', 'exceptions', 'citation.frCitation'],
    })
    .amended('SO-2016-09-29-un-exemptions', {
      citation: ROW_1_2016,
      reason: 'Paragraph (m) updated for UN exemptions (81 FR 66804). Status unchanged.',
      unconfirmed: ['effectiveOn', 'exceptions'],
    })
    .amended('SO-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason: 'Updated to follow later UN Security Council resolutions. Status unchanged.',
      unconfirmed: ['exceptions'],
    }),

  country('SS', 'South Sudan')
    .change('SS-2018-02-14-added', {
      standing: table2(
        '(w)',
        'un-peacekeeping',
        'conventional-weapons-destruction',
        'humanitarian-demining',
        'non-lethal-humanitarian',
        'protective-equipment',
      ),
      citation: {
        frCitation: '83 FR 6457',
        frDocument: '2018-02995',
        publishedOn: '2018-02-14',
        notes: '[S] [42]; [S2] [43]',
      },
      reason:
        'South Sudan added to Table 2 with new ¶(w). Case by case for: monitoring, verification and peacekeeping, and the AU-RTF and UN entities (→ un-peacekeeping, an interpretation); NGO conventional weapons destruction and demining; non-lethal humanitarian items; protective equipment for UN staff, media and aid workers.',
      unconfirmed: ['exceptions'],
    })
    .amended('SS-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason: 'Updated to recent UN Security Council resolutions. Status unchanged.',
      unconfirmed: ['exceptions'],
    }),

  country('SD', 'Sudan')
    .change('SD-1994-04-04-listed', {
      standing: table2('(v)', 'un-peacekeeping', 'non-lethal-humanitarian', 'protective-equipment'),
      citation: RULE_1994,
      reason:
        'Sudan added in 1994. The sources do not give its historical wording, so the entry is recorded in its current Table 2 form, with UN (Darfur/Sudan) embargo exceptions [M]. The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'status', 'paragraph', 'exceptions', 'citation.frCitation'],
    })
    .amended('SD-2025-07-07-unscr-update', {
      citation: ROW_13_2025,
      reason: 'Updated to recent UN Security Council resolutions. Status unchanged.',
      unconfirmed: ['paragraph', 'exceptions'],
    }),

  country('SY', 'Syria')
    .change('SY-1990-01-01-listed', {
      standing: TABLE_1,
      citation: PART_126_1990S,
      reason: `${LONG_STANDING} The ITAR embargo was unchanged in 2025 even though OFAC and BIS eased controls (EO 14312).`,
      unconfirmed: ['effectiveOn'],
    }),

  country('VE', 'Venezuela')
    .change('VE-2006-01-01-listed', {
      standing: TABLE_1,
      citation: { notes: 'Added 2006 after AECA §40A certification [M]; current Table 1 listing [S2] [2][10]' },
      reason:
        'Table 1 policy of denial. Added in 2006 after the AECA §40A certification [M]; the exact date is not in the sources, so 2006-01-01 is recorded (unconfirmed).',
      unconfirmed: ['effectiveOn'],
    }),

  country('ZW', 'Zimbabwe')
    .change('ZW-2011-08-08-listed', {
      standing: table2('(s)'),
      citation: RULE_2011,
      reason:
        'Zimbabwe was listed before this update. The original listing date is not in the sources, so the register starts from the 2011 update (76 FR 47990), the earliest sourced rule. Its exceptions were not verified, so none are recorded (the cautious reading). The effective date is not stated, so the publication date is used.',
      unconfirmed: ['effectiveOn', 'paragraph', 'exceptions'],
    }),

  removedIn2016('CI', "Côte d'Ivoire"),
  removedIn2016('LR', 'Liberia'),
  removedIn2016('LK', 'Sri Lanka'),
  removedIn2016('VN', 'Vietnam'),
);
