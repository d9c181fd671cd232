import type { PublicEventDefinition } from '@app/infra';
import { schemaUrl } from '../cloud-event';

/**
 * A type's data schema as published: with `$id` (its URL), so its `#/$defs/…` references resolve wherever it is
 * embedded, and no non-standard keyword, so a strict validator (Ajv's default) compiles it as it is. Its version is
 * in GET /schemas and in each event's `dataversion`.
 */
export function publishedSchema(definition: PublicEventDefinition, baseUrl: string): Record<string, unknown> {
  const { $schema, ...rest } = definition.schema;
  return { $schema, $id: schemaUrl(baseUrl, definition.type), ...rest };
}
