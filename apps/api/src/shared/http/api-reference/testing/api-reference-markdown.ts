import type { ApiRoute } from './declared-api-routes';
import type { ProblemCode } from './problem-codes';

/** The routes table: who may call each route, what it answers, and the problem codes its description names. */
export function routesTable(routes: readonly ApiRoute[], codes: readonly ProblemCode[]): string {
  const known = codes.map((problem) => problem.code);
  const rows = routes.map((route) => {
    const named = known.filter((code) => new RegExp(`\\b${code}\\b`).test(route.text));
    return row([
      `\`${route.method} ${route.path}\``,
      accessText(route.access),
      String(route.successStatus),
      route.errorStatuses.join(', ') || '—',
      named.map((code) => `\`${code}\``).join(', ') || '—',
    ]);
  });
  return [row(['Route', 'Roles', 'Success', 'Errors', 'Codes it names']), row(['---', '---', '---', '---', '---']), ...rows].join('\n');
}

/** The problem codes table: each stable code, its status, what the source says it means, and where it is raised. */
export function problemCodesTable(codes: readonly ProblemCode[], linkPrefix: string): string {
  const rows = codes.map((problem) =>
    row([
      `\`${problem.code}\``,
      problem.statuses.join(', '),
      escapeMarkdown(problem.meaning.replace(/…+/g, '…')) || '—',
      problem.files.map((file) => `[${file.split('/').pop()}](${linkPrefix}${file})`).join(', '),
    ]),
  );
  return [row(['Code', 'Status', 'Meaning', 'Raised in']), row(['---', '---', '---', '---']), ...rows].join('\n');
}

/** Replaces what lies between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, keeping the markers. */
export function spliceGenerated(document: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start < 0 || end < start) throw new Error(`The document has no ${open} … ${close} block`);
  return `${document.slice(0, start + open.length)}\n${content}\n${document.slice(end)}`;
}

function accessText(access: ApiRoute['access']): string {
  if (access === 'public') return 'none (no token)';
  if (access === 'any') return 'any role';
  return access.length === 0 ? 'nobody (no @Roles)' : access.join(', ');
}

/** Meanings are prose from the source: keep `*`, `<` and `>` literal. */
function escapeMarkdown(text: string): string {
  return text.replace(/[*<>]/g, (character) => `\\${character}`);
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}
