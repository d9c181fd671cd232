import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import type { FieldError } from '@app/domain';
import { CONTROL_CHARACTER } from './validators';

/**
 * A cheap, bounded look at a request's shape before class-transformer and class-validator walk it. Those two
 * validate every element of every array before noticing the array is too long, report an error per element,
 * and take `constructor` or `__proto__` for declared properties. This check, driven by the same DTO metadata:
 * - refuses keys the DTO does not declare, by own-property lookup (so Object.prototype names are unknown too);
 * - checks `@ArrayMaxSize` before looking at any element;
 * - requires nested DTOs to be objects (`"applicant": []`, `"parties": [[]]`);
 * - refuses control characters in every string (tab, line feed and carriage return are text);
 * - stops collecting errors after MAX_REPORTED_ERRORS, counting the rest.
 * Its cost is linear in the part of the input the DTO declares.
 */
export const MAX_REPORTED_ERRORS = 20;

// class-transformer keeps its @Type metadata in a module its typings do not expose.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

type DtoClass = new (...args: never[]) => object;

interface PropertyShape {
  readonly maxItems?: number;
  /** The nested DTO, and whether the property is a list of them. */
  readonly nested?: { readonly type: DtoClass; readonly each: boolean };
}

const shapes = new WeakMap<DtoClass, ReadonlyMap<string, PropertyShape>>();

/** The properties a DTO declares (its own and inherited validation decorators), with their size and nesting. */
export function declaredProperties(dto: DtoClass): ReadonlyMap<string, PropertyShape> {
  const known = shapes.get(dto);
  if (known) return known;
  const properties = new Map<string, { maxItems?: number; nested?: { type: DtoClass; each: boolean } }>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false)) {
    const shape = properties.get(metadata.propertyName) ?? {};
    properties.set(metadata.propertyName, shape);
    if (metadata.name === 'arrayMaxSize') shape.maxItems = Number(metadata.constraints[0]);
    if (metadata.type === 'nestedValidation') {
      const type = defaultMetadataStorage.findTypeMetadata(dto, metadata.propertyName)?.typeFunction() as DtoClass | undefined;
      if (type) shape.nested = { type, each: metadata.each };
    }
  }
  shapes.set(dto, properties);
  return properties;
}

/** Whether a DTO class has validation metadata (a class Nest would validate, not String or Object). */
export function isDtoClass(value: unknown): value is DtoClass {
  return typeof value === 'function' && declaredProperties(value as DtoClass).size > 0;
}

/** Collects field errors up to a bound, counting the ones it drops. */
export class BoundedErrors {
  readonly errors: FieldError[] = [];
  total = 0;

  add(field: string, message: string): void {
    this.total += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ field, message });
  }

  get full(): boolean {
    return this.errors.length >= MAX_REPORTED_ERRORS;
  }
}

/** Checks `value` against the DTO's declared shape; the errors found (none: let the full validation run). */
export function checkShape(dto: DtoClass, value: unknown, found = new BoundedErrors(), path = ''): BoundedErrors {
  if (!isPlainObject(value)) {
    found.add(path || 'body', path ? `${path} must be an object` : 'the body must be a JSON object');
    return found;
  }
  const properties = declaredProperties(dto);
  for (const [key, item] of Object.entries(value)) {
    const field = fieldPath(path, key);
    const shape = properties.get(key); // a Map: `constructor` or `__proto__` is not a key of it
    if (shape === undefined) {
      found.add(field, `property ${key} should not exist`);
      continue;
    }
    checkProperty(shape, item, field, found);
  }
  return found;
}

function checkProperty(shape: PropertyShape, value: unknown, field: string, found: BoundedErrors): void {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) found.add(field, `${field} must not contain control characters`);
    return;
  }
  if (Array.isArray(value)) {
    if (shape.maxItems !== undefined && value.length > shape.maxItems) {
      found.add(field, `${field} must contain no more than ${shape.maxItems} elements`);
      return;
    }
    if (shape.nested && !shape.nested.each) {
      found.add(field, `${field} must be an object`);
      return;
    }
    value.forEach((item, index) => {
      if (found.full) return;
      const itemField = `${field}[${index}]`;
      if (shape.nested) checkShape(shape.nested.type, item, found, itemField);
      else if (typeof item === 'string' && CONTROL_CHARACTER.test(item)) found.add(itemField, `${itemField} must not contain control characters`);
    });
    return;
  }
  if (shape.nested && value !== undefined && value !== null) {
    if (shape.nested.each) found.add(field, `${field} must be an array`);
    else checkShape(shape.nested.type, value, found, field);
  }
}

/** class-validator's errors as field errors, at most MAX_REPORTED_ERRORS of them. */
export function flattenValidationErrors(errors: readonly ValidationError[], found = new BoundedErrors(), parent = ''): BoundedErrors {
  for (const error of errors) {
    const field = fieldPath(parent, error.property);
    for (const message of Object.values(error.constraints ?? {})) found.add(field, message);
    flattenValidationErrors(error.children ?? [], found, field);
  }
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}
