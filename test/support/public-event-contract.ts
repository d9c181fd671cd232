import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { isPublicEventType, publicEventDefinitions, streamCategory, type EventStore, type Position } from '@app/infra';
import type { INestApplication } from '@nestjs/common';
import { COUNTRY_POLICY_CATEGORY, LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY } from '@app/domain';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';

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
export async function contractBreaks(
  store: EventStore,
  ignoredActors: ReadonlySet<string> = new Set(),
): Promise<{ checked: number; breaks: string[] }> {
  const breaks: string[] = [];
  let checked = 0;
  let after: Position | undefined;
  for (;;) {
    const batch = await store.readAll({ ...(after !== undefined ? { after } : {}), limit: 1000 });
    for (const event of batch) {
      after = event.position;
      if (ignoredActors.has(event.metadata.actor)) continue;
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

/**
 * Actors of the events some read-model tests append straight into the store, with partial payloads, to set up a
 * projection scenario: those events are the test's, not the application's, and are not held to the contract.
 */
const RAW_FIXTURE_ACTORS = new Set(['test-officer', 'other-process']);

/**
 * Run by every e2e app's close(): every public event the application stored during the suite must validate
 * against its published schema, and every event in a public stream must have a registered type.
 */
export async function assertPublicEventContract(app: INestApplication): Promise<void> {
  const { breaks } = await contractBreaks(app.get<EventStore>(EVENT_STORE), RAW_FIXTURE_ACTORS);
  if (breaks.length > 0) {
    throw new Error(`Stored events break the public event contract (docs/consumers.md):\n${breaks.slice(0, 20).join('\n')}`);
  }
}
