import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_VALUES } from './body-parsing';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonShapeProblem (on the raw bytes, before parsing)', () => {
  it('accepts an ordinary body', () => {
    expect(jsonShapeProblem(bytes('{"a":[1,2,{"b":"c"}],"d":null}'))).toBeNull();
  });

  it('refuses nesting deeper than the limit, and accepts it at the limit', () => {
    expect(jsonShapeProblem(bytes(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`))).toBeNull();
    expect(jsonShapeProblem(bytes(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`))).toBe(
      `The body nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  });

  it('refuses more values than the limit', () => {
    expect(jsonShapeProblem(bytes(`[${Array(MAX_JSON_VALUES - 2).fill(0).join(',')}]`))).toBeNull();
    expect(jsonShapeProblem(bytes(`[${Array(MAX_JSON_VALUES + 1).fill(0).join(',')}]`))).toBe(`The body holds more than ${MAX_JSON_VALUES} JSON values`);
  });

  it('ignores brackets, commas and escaped quotes inside strings, in any script', () => {
    const text = JSON.stringify({ a: `${'[{,'.repeat(20_000)} \\" “quoted” 中文 ${'"'.repeat(10)}` });
    expect(jsonShapeProblem(bytes(text))).toBeNull();
  });
});
