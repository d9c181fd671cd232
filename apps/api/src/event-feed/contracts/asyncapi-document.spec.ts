import Ajv from 'ajv';
import specs from '@asyncapi/specs';
import { EVENT_TYPES, publicEventDefinitions } from '@app/infra';
import { asyncApiDocument } from './asyncapi-document';

describe('the AsyncAPI document', () => {
  const document = asyncApiDocument(publicEventDefinitions(), 'https://lcm.example.gov');

  it('is valid AsyncAPI 3.0 (checked against the official JSON Schema of the specification)', () => {
    // The specification's schema embeds the draft-07 meta-schema itself: do not load Ajv's copy beside it.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false });
    const validate = ajv.compile(specs.schemas['3.0.0'] as object);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check can fail: an operation's action must be send or receive.
    const broken = JSON.parse(JSON.stringify(document)) as { operations: { streamEvents: { action: string } } };
    broken.operations.streamEvents.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  it('has one message per public type on both channels, each with its data schema', () => {
    const types = Object.keys(EVENT_TYPES);
    const doc = document as { components: { messages: Record<string, { payload: { schema: { properties: { data: { $id: string } } } } }> } };
    expect(Object.keys(doc.components.messages)).toEqual(types);
    expect(doc.components.messages.ReviewTrackChanged!.payload.schema.properties.data.$id).toBe(
      'https://lcm.example.gov/schemas/ReviewTrackChanged',
    );
  });
});
