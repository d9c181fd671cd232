import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokenReferences, documentationFiles } from './testing/repository-references';

const ROOT = path.resolve(__dirname, '../../../../../..');

describe('the README and docs/', () => {
  it('link and quote only files that exist in the repository', () => {
    const documents = documentationFiles(ROOT);
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'docs/api.md']));
    expect(documents.flatMap((document) => brokenReferences(ROOT, document))).toEqual([]);
  });
});

describe('brokenReferences', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'doc-references-'));
    mkdirSync(path.join(root, 'docs'));
    mkdirSync(path.join(root, 'apps'));
    writeFileSync(path.join(root, 'docs/other.md'), '# Other\n');
    writeFileSync(path.join(root, 'apps/main.ts'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names the relative links and quoted paths that resolve to nothing, and only those', () => {
    writeFileSync(
      path.join(root, 'docs/page.md'),
      [
        '[fine](other.md#a-section), [gone](missing.md), [web](https://example.org/x.md), [anchor](#top)',
        '`apps/main.ts` exists, `apps/gone.ts` does not, `apps/<feature>/` is a pattern, `npm test` is no path',
      ].join('\n'),
    );
    expect(brokenReferences(root, 'docs/page.md')).toEqual([
      { document: 'docs/page.md', reference: 'missing.md' },
      { document: 'docs/page.md', reference: 'apps/gone.ts' },
    ]);
  });

  it('resolves a link from the folder of the document that holds it', () => {
    writeFileSync(path.join(root, 'README.md'), '[docs](docs/other.md) [wrong](other.md)');
    expect(brokenReferences(root, 'README.md')).toEqual([{ document: 'README.md', reference: 'other.md' }]);
  });
});
