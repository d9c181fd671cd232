import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A link or a quoted repository path in a document that names nothing in the repository. */
export interface BrokenReference {
  readonly document: string;
  readonly reference: string;
}

const LINK = /\]\(([^)\s]+)\)/g;
/** A path quoted in backticks from a top-level source folder, e.g. `apps/api/src/shared/idempotency`. */
const QUOTED_PATH = /`((?:apps|libs|test|docs|tools|bench|ops|\.ci)\/[^`\s]*)`/g;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** The README and every page under docs/, repository-relative. */
export function documentationFiles(repositoryRoot: string): string[] {
  const pages = (readdirSync(path.join(repositoryRoot, 'docs'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.posix.join('docs', file.split(path.sep).join('/')));
  return ['README.md', ...pages.sort()];
}

/**
 * The relative links (resolved from the document's folder) and quoted repository paths (from the root) that do
 * not exist. Web links and in-page anchors are not checked; a quoted path with a placeholder (`<id>`, `*`, `…`)
 * is skipped.
 */
export function brokenReferences(repositoryRoot: string, document: string): BrokenReference[] {
  const text = readFileSync(path.join(repositoryRoot, document), 'utf8');
  const broken: BrokenReference[] = [];
  for (const [, target] of text.matchAll(LINK)) {
    if (EXTERNAL.test(target) || target.startsWith('#')) continue;
    const file = path.join(repositoryRoot, path.dirname(document), decodeURI(target.split('#')[0]));
    if (!existsSync(file)) broken.push({ document, reference: target });
  }
  for (const [, quoted] of text.matchAll(QUOTED_PATH)) {
    if (/[<*…{]/.test(quoted)) continue;
    if (!existsSync(path.join(repositoryRoot, quoted.split(':')[0]))) broken.push({ document, reference: quoted });
  }
  return broken;
}
