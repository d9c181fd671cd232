/**
 * ts-json-schema-generator writes draft-07 (`definitions`, `#/definitions/…`); the published contract is draft
 * 2020-12, whose only difference in what the generator emits is the name of the definitions keyword.
 */
export function toDraft2020(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft07, definitions, ...rest } = schema;
  const converted = rewriteRefs(rest) as Record<string, unknown>;
  const defs = rewriteRefs(definitions ?? {}) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...converted,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, value.replace(/^#\/definitions\//, '#/$defs/')]
        : [key, rewriteRefs(value)],
    ),
  );
}
