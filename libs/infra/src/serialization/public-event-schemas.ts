import generated from './public-event-schemas.generated.json';
import { EVENT_TYPES, type PublicEventType } from './event-type-registry';

/**
 * One public event type as published to subscribers: its name, its version (from the registry), its description
 * and the JSON Schema (draft 2020-12) of its `data`, both generated from the domain's TypeScript payload type.
 * To add a public type: export `<Type>Data` (with a JSDoc comment) from libs/domain, register `<Type>` in
 * EVENT_TYPES and run `npm run schemas` (docs/consumers.md).
 */
export interface PublicEventDefinition {
  readonly type: PublicEventType;
  readonly version: number;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

const SCHEMAS = generated as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>;

let definitions: readonly PublicEventDefinition[] | undefined;

/** Every public event type, in registry order. Throws when a registered type has no generated schema. */
export function publicEventDefinitions(): readonly PublicEventDefinition[] {
  definitions ??= (Object.keys(EVENT_TYPES) as PublicEventType[]).map((type) => {
    const schema = SCHEMAS[type];
    if (schema === undefined) {
      throw new Error(`Public event type ${type} has no generated JSON Schema: run npm run schemas`);
    }
    return { type, version: EVENT_TYPES[type], description: String(schema.description ?? ''), schema };
  });
  return definitions;
}

export function publicEventDefinition(type: string): PublicEventDefinition | undefined {
  return publicEventDefinitions().find((definition) => definition.type === type);
}
