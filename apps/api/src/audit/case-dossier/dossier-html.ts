import type { Citation, Determination } from '@app/domain';
import type { CountryEntryView } from '../../country-policy/register/country-view';
import type { CaseDossier } from './case-dossier';

/**
 * The dossier as a printable HTML page: no script, no external resource, every value escaped (a description
 * holding `<script>` prints as text), a print stylesheet for A4 paper.
 */
export function dossierHtml(dossier: CaseDossier): string {
  const c = dossier.case;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Case dossier ${esc(dossier.applicationId)}</title>
<style>
body { font: 11pt/1.4 Georgia, serif; margin: 2em; color: #000; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; } th, td { border: 1px solid #444; padding: 2px 4px; text-align: left; vertical-align: top; font-size: 9.5pt; }
code, .hash { font-family: monospace; font-size: 8pt; word-break: break-all; }
.bad { font-weight: bold; }
@media print { @page { size: A4; margin: 15mm; } body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
</style></head><body>
<h1>Case dossier — ${esc(c.licenceType)} ${esc(dossier.applicationId)}</h1>
<p>Generated ${esc(dossier.generatedAt)}. Applicant: ${esc(c.applicant.name)} (${esc(c.applicant.registrationCode)}).
Status: <strong>${esc(c.status)}</strong>; review track: <strong>${esc(c.reviewTrack)}</strong>; assignee: ${esc(c.assignee ?? '—')}.</p>
<p>Description: ${esc(c.description)}</p>
<p>Parties: ${c.parties.map((party) => `${esc(party.role)} ${esc(party.name)} (${esc(party.country)})`).join('; ')}</p>

<h2>Integrity</h2>
<p class="${dossier.integrity.chainOk ? '' : 'bad'}">Hash chain of this case: ${dossier.integrity.chainOk ? 'intact' : `${dossier.integrity.problems.length} problem(s)`}.</p>
${dossier.integrity.problems.map((p) => `<p class="bad">${esc(p.kind)} at position ${esc(p.position)}: ${esc(p.detail)}</p>`).join('\n')}
<p>Log anchor at generation: <span class="hash">${esc(dossier.integrity.anchor.anchor)}</span> (sealed up to ${esc(dossier.integrity.anchor.sealedUpTo ?? 'none')}).
Keep it: verifying the log against it later proves the log still holds this history unchanged.</p>

<h2>Determinations</h2>
${dossier.determinationRounds.map((round) => `<h3>${esc(round.eventType)} (revision ${round.revision}, ${esc(round.recordedAt)}, by ${esc(round.actor)}) — policy date ${esc(round.policyDate)}, track ${esc(round.reviewTrack)}</h3>
${determinationTable(round.determinations)}
<p>Register entries in force on ${esc(round.policyDate)}, as recorded at ${esc(round.recordedAt)}:</p>
${registerTable(round.registerInForce)}`).join('\n')}

<h2>Decision</h2>
${dossier.decisions.length === 0 ? '<p>No decision yet.</p>' : dossier.decisions.map((record) => `<p>${esc(record.decision.outcome)} on ${esc(record.decision.at)} by ${esc(record.decision.by)} (${esc(record.eventType)}, revision ${record.revision})${record.decision.reason ? `: ${esc(record.decision.reason)}` : ''}.</p>
${record.decision.provisos.length > 0 ? `<p>Provisos:</p><ol>${record.decision.provisos.map((p) => `<li>${esc(p)}</li>`).join('')}</ol>` : ''}
<p>Register entries in force that day, as recorded at ${esc(record.recordedAt)}:</p>
${registerTable(record.registerInForce)}`).join('\n')}
${dossier.referrals.length > 0 ? `<table><tr><th>Referral</th><th>Referred</th><th>Recommendation</th><th>Provisos</th></tr>${dossier.referrals.map((r) => `<tr><td>${esc(r.agency)}</td><td>${esc(r.referredAt)} by ${esc(r.referredBy)}</td><td>${esc(r.recommendation ?? 'open')}</td><td>${r.provisos.map(esc).join('<br>')}</td></tr>`).join('')}</table>` : ''}

<h2>Re-evaluation runs</h2>
${dossier.reevaluations.length === 0 ? '<p>None touched this case.</p>' : `<table><tr><th>Run</th><th>Outcome for this case</th><th>Trigger</th><th>Effective</th><th>Completed</th></tr>${dossier.reevaluations.map((r) => `<tr><td class="hash">${esc(r.reevaluationId)}</td><td>${esc(r.outcome)}</td><td>${r.run ? `${esc(r.run.trigger.countryCode)} ${esc(r.run.trigger.from)} → ${esc(r.run.trigger.to)}, ${esc(citationText(r.run.trigger.citation))}` : '—'}</td><td>${esc(r.run?.trigger.effectiveOn ?? '—')}</td><td>${esc(r.run?.completedAt ?? '—')}</td></tr>`).join('')}</table>`}

<h2>Events</h2>
<table><tr><th>#</th><th>Position</th><th>Type</th><th>Recorded</th><th>Actor</th><th>Correlation / causation</th><th>Hash</th></tr>
${dossier.events.map((e) => `<tr><td>${e.revision}</td><td>${esc(e.position)}</td><td>${esc(e.type)}</td><td>${esc(e.recordedAt)}</td><td>${esc(e.actor)}</td><td class="hash">${esc(e.correlationId)}<br>${esc(e.causationId ?? '—')}</td><td class="hash">${esc(e.hash)}</td></tr>`).join('\n')}
</table>
</body></html>
`;
}

function determinationTable(determinations: readonly Determination[]): string {
  return `<table><tr><th>Country</th><th>Status</th><th>Provision / paragraph</th><th>Exceptions applied</th><th>End uses not covered</th><th>Track</th><th>Citation</th><th>Policy version</th><th>Caveats</th></tr>
${determinations.map((d) => `<tr><td>${esc(d.country)}</td><td>${esc(d.policyStatus)}</td><td>${esc(d.provision ?? d.paragraph ?? '—')}</td><td>${listOrDash(exceptionsOf(d))}</td><td>${listOrDash(d.uncoveredEndUses ?? [])}</td><td>${esc(d.track)}</td><td>${esc(d.citation ? citationText(d.citation) : '—')}</td><td>${d.policyVersion}</td><td>${listOrDash(caveatsOf(d))}</td></tr>`).join('\n')}</table>`;
}

/** Determinations recorded before `exceptionsApplied` existed carry only the single `exceptionApplied`. */
function exceptionsOf(determination: Determination): readonly string[] {
  return determination.exceptionsApplied ?? (determination.exceptionApplied ? [determination.exceptionApplied] : []);
}

/** The register entry's unconfirmed facts and its warnings, so a printed dossier shows what rests on them. */
function caveatsOf(determination: Determination): readonly string[] {
  return [
    ...(determination.unconfirmed ?? []).map((fact) => `Unconfirmed: ${fact}`),
    ...(determination.warnings ?? []).map((warning) => warning.message),
  ];
}

function listOrDash(items: readonly string[]): string {
  return items.map(esc).join('; ') || '—';
}

function registerTable(entries: readonly CountryEntryView[]): string {
  return `<table><tr><th>Country</th><th>Status</th><th>Paragraph</th><th>Exceptions</th><th>Effective</th><th>Citation</th><th>Version</th><th>Unconfirmed</th></tr>
${entries.map((e) => `<tr><td>${esc(e.countryCode)}</td><td>${esc(e.status)}</td><td>${esc(e.paragraph ?? '—')}</td><td>${e.exceptions.map(esc).join(', ') || '—'}</td><td>${esc(e.effectiveOn ?? '—')}</td><td>${esc(e.citation ? citationText(e.citation) : '—')}</td><td>${e.policyVersion}</td><td>${e.unconfirmed.map(esc).join(', ') || '—'}</td></tr>`).join('\n')}</table>`;
}

/** Every part of the citation the register holds; the sources' notes are left to the JSON dossier. */
function citationText(citation: Citation): string {
  const parts = [
    citation.frCitation ?? 'FR page not recorded',
    citation.frDocument ? `FR Doc ${citation.frDocument}` : null,
    citation.publishedOn ? `published ${citation.publishedOn}` : null,
  ].filter((part): part is string => part !== null);
  return citation.title ? `${parts.join(', ')}: ${citation.title}` : parts.join(', ');
}

/** HTML-escapes a value for text and attribute contexts. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
