import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { EVENT_TYPES } from '../event-type-registry';
import { toDraft2020 } from './draft-2020';

/**
 * Generates the JSON Schema of every public event's `data` from the domain's TypeScript types: the payload of type
 * `X` is the exported interface `XData` (docs/consumers.md, "Adding a public event type"), and its JSDoc becomes the
 * schema's description. Build-time only (ts-json-schema-generator is a dev dependency): the output is committed as
 * public-event-schemas.generated.json and public-event-schemas.spec.ts fails when it is stale.
 */
export function generatePublicEventSchemas(repositoryRoot: string): Record<string, Record<string, unknown>> {
  const generator = createGenerator({
    path: path.join(repositoryRoot, 'libs/domain/src/index.ts'),
    tsconfig: path.join(repositoryRoot, 'tsconfig.json'),
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    skipTypeCheck: true,
    // Consumers must accept fields added later (the compatibility promise: additive changes within a type).
    additionalProperties: true,
    sortProps: true,
  });
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const type of Object.keys(EVENT_TYPES).sort()) {
    const dataType = `${type}Data`;
    let generated: Record<string, unknown>;
    try {
      generated = generator.createSchema(dataType) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`Public event type ${type} has no exported payload interface ${dataType} in libs/domain: ${String(error)}`);
    }
    if (typeof generated.description !== 'string' || generated.description.trim() === '') {
      throw new Error(`${dataType} needs a JSDoc comment: it is the published description of ${type}`);
    }
    schemas[type] = { title: type, ...toDraft2020(generated) };
  }
  return schemas;
}
