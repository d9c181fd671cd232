import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { isPublicEventType, publicEventDefinitions, streamCategory, type EventStore, type Position } from '@app/infra';
import { COUNTRY_POLICY_CATEGORY, LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY } from '@app/domain';

/** The streams whose every event is public: an event there with an unregistered type is a contract break. */
const PUBLIC_CATEGORIES = [COUNTRY_POLICY_CATEGORY, LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY];

let validators: Map<string, ValidateFunction> | undefined;

function validatorOf(type: string): ValidateFunction {
  validators ??= new Map(
    publicEventDefinitions().map(({ type: name, schema }) => [name, new Ajv2020({ strict: true, allErrors: true }).compile(schema)]),
  );
  const validate = validators.get(type);
  if (validate === undefined) throw new Error(`Public event type ${type} has no schema`);
  return validate;
}

/**
 * Reads the whole log and lists every contract break: a public event whose data does not validate against its
 * published JSON Schema, or an event in a public stream whose type is not registered. Answers the number checked.
 */
export async function contractBreaks(store: EventStore): Promise<{ checked: number; breaks: string[] }> {
  const breaks: string[] = [];
  let checked = 0;
  let after: Position | undefined;
  for (;;) {
    const batch = await store.readAll({ ...(after !== undefined ? { after } : {}), limit: 1000 });
    for (const event of batch) {
      after = event.position;
      if (!isPublicEventType(event.type)) {
        if (PUBLIC_CATEGORIES.includes(streamCategory(event.streamName))) {
          breaks.push(`${event.streamName}@${event.revision}: type ${event.type} is not registered in EVENT_TYPES`);
        }
        continue;
      }
      checked += 1;
      const validate = validatorOf(event.type);
      if (!validate(event.data)) {
        breaks.push(`${event.type} ${event.id}: ${JSON.stringify(validate.errors)}`);
      }
    }
    if (batch.length < 1000) return { checked, breaks };
  }
}
