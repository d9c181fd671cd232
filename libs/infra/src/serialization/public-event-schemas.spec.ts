import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { EVENT_TYPES } from './event-type-registry';
import { publicEventDefinitions } from './public-event-schemas';
import { generatePublicEventSchemas } from './testing/generate-public-event-schemas';

const GENERATED = path.join(__dirname, 'public-event-schemas.generated.json');
const ROOT = path.resolve(__dirname, '../../../..');

describe('the public event schemas', () => {
  it('are what the domain types generate today (run `npm run schemas` after changing a public payload type)', () => {
    const regenerated = generatePublicEventSchemas(ROOT);
    const text = `${JSON.stringify(regenerated, null, 2)}\n`;
    if (process.env.UPDATE_EVENT_SCHEMAS === '1') writeFileSync(GENERATED, text);
    expect(JSON.parse(readFileSync(GENERATED, 'utf8'))).toEqual(regenerated);
  });

  it('cover exactly the registered public types, each with its version and a description', () => {
    const definitions = publicEventDefinitions();
    expect(definitions.map((d) => d.type)).toEqual(Object.keys(EVENT_TYPES));
    for (const definition of definitions) {
      expect(definition.version).toBe(EVENT_TYPES[definition.type]);
      expect(definition.description.length).toBeGreaterThan(10);
      expect(definition.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('compile as draft 2020-12 schemas and reject a payload missing a required field', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const { type, schema } of publicEventDefinitions()) {
      const validate = ajv.compile(schema);
      expect({ type, valid: validate({}) }).toEqual({ type, valid: false });
    }
  });
});
