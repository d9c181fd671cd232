import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A stable problem `code`, with every status it is raised with and where. */
export interface ProblemCode {
  readonly code: string;
  readonly statuses: readonly number[];
  /** Its detail (or title) as the source states it; `…` stands for an interpolated value. */
  readonly meaning: string;
  /** Repository-relative files that raise it. */
  readonly files: readonly string[];
}

/** The status ProblemDetailsFilter gives each domain error class (the spec checks it against the filter). */
export const DOMAIN_ERROR_STATUS: Readonly<Record<string, number>> = {
  InvalidCommandError: 400,
  NotFoundError: 404,
  IllegalTransitionError: 409,
};

const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
const SOURCE_DIRS = ['apps', 'libs'];
const NOT_SOURCE = /(\.spec\.ts|\.int-spec\.ts|\.d\.ts)$|\/(testing|conformance)\//;

interface Sighting {
  readonly code: string;
  readonly status: number;
  readonly meaning: string;
  /** A framework status mapped to a code has no meaning of its own; another sighting's wins. */
  readonly weak: boolean;
}

/**
 * Every problem code the source raises, found by reading it (there is no central catalogue): `new ProblemException(
 * status, 'CODE', title, detail)`, `Problems.notFound('CODE', detail)`, the domain errors (`new
 * IllegalTransitionError('CODE', message)`…) and a `{ 404: 'ROUTE_NOT_FOUND' }` map of framework statuses.
 */
export function scanProblemCodes(repositoryRoot: string): ProblemCode[] {
  const found = new Map<string, { statuses: Set<number>; files: Set<string>; meaning: string; weak: boolean }>();
  for (const file of sourceFiles(repositoryRoot)) {
    const relative = path.relative(repositoryRoot, file).split(path.sep).join('/');
    for (const sighting of problemSightings(readFileSync(file, 'utf8'), relative)) {
      const entry = found.get(sighting.code) ?? { statuses: new Set(), files: new Set(), meaning: sighting.meaning, weak: sighting.weak };
      entry.statuses.add(sighting.status);
      entry.files.add(relative);
      if (entry.weak && !sighting.weak) Object.assign(entry, { meaning: sighting.meaning, weak: false });
      found.set(sighting.code, entry);
    }
  }
  return [...found.entries()]
    .map(([code, entry]) => ({
      code,
      statuses: [...entry.statuses].sort((a, b) => a - b),
      meaning: entry.meaning,
      files: [...entry.files].sort(),
    }))
    .sort((a, b) => a.statuses[0] - b.statuses[0] || a.code.localeCompare(b.code));
}

/** The problem codes one source file raises. */
export function problemSightings(source: string, fileName = 'source.ts'): Sighting[] {
  const sightings: Sighting[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const args = node.arguments ?? ts.factory.createNodeArray();
      const name = node.expression.text;
      if (name === 'ProblemException') {
        const [status, code, title, detail] = args;
        if (status && ts.isNumericLiteral(status) && code && isCode(code)) {
          sightings.push({ code: code.text, status: Number(status.text), meaning: textOf(detail) ?? textOf(title) ?? '', weak: false });
        }
      } else if (name in DOMAIN_ERROR_STATUS) {
        const [code, message] = args;
        if (code && isCode(code)) sightings.push({ code: code.text, status: DOMAIN_ERROR_STATUS[name], meaning: textOf(message) ?? '', weak: false });
      }
    } else if (ts.isCallExpression(node) && node.expression.getText() === 'Problems.notFound') {
      const [code, detail] = node.arguments;
      if (code && isCode(code)) sightings.push({ code: code.text, status: 404, meaning: textOf(detail) ?? 'Not found', weak: false });
    } else if (ts.isObjectLiteralExpression(node) && node.properties.length > 0 && node.properties.every(isStatusToCode)) {
      for (const property of node.properties as ts.NodeArray<ts.PropertyAssignment>) {
        const status = Number((property.name as ts.NumericLiteral).text);
        sightings.push({ code: (property.initializer as ts.StringLiteral).text, status, meaning: `HTTP ${status} from the framework`, weak: true });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true));
  return sightings;
}

function isCode(node: ts.Node): node is ts.StringLiteral {
  return ts.isStringLiteral(node) && CODE.test(node.text);
}

function isStatusToCode(property: ts.ObjectLiteralElementLike): boolean {
  return (
    ts.isPropertyAssignment(property) &&
    ts.isNumericLiteral(property.name) &&
    Number(property.name.text) >= 400 &&
    isCode(property.initializer)
  );
}

/** A string, a template (`${…}` shown as `…`) or a concatenation of them; undefined for anything computed. */
function textOf(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `…${span.literal.text}`).join('');
  if (ts.isParenthesizedExpression(node)) return textOf(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = textOf(node.left);
    const right = textOf(node.right);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

function sourceFiles(repositoryRoot: string): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    (readdirSync(path.join(repositoryRoot, dir), { recursive: true }) as string[])
      .map((file) => path.join(repositoryRoot, dir, file))
      .filter((file) => file.endsWith('.ts') && !NOT_SOURCE.test(file.split(path.sep).join('/'))),
  ).sort();
}
