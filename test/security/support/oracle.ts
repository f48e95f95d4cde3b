import { resolve, type Schema, type Spec, typeOf, unwrapNullable } from './openapi.ts';

/**
 * Whether a value could be accepted: 'no' when the schema (or a rule every input obeys) refuses
 * it, 'maybe' otherwise. The suites expect a 4xx that changes nothing for every 'no'. It is never
 * stricter than the documented schema, except for the platform-wide rules below.
 */
export type Verdict = 'no' | 'maybe';

/** NUL and unpaired UTF-16 surrogates are refused in every text input, whatever its schema. */
export function hasForbiddenText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A JSON value (a body or part of one) against its schema. */
export function judgeJson(spec: Spec, schema: Schema, value: unknown): Verdict {
  return refusesJson(spec, schema, value) ? 'no' : 'maybe';
}

function refusesJson(spec: Spec, schema: Schema | boolean | undefined, value: unknown): boolean {
  if (schema === undefined || schema === true) return deepForbiddenText(value);
  if (schema === false) return true;
  const { schema: s, nullable } = unwrapNullable(spec, schema);
  if (value === null) return !nullable && Object.keys(s).length > 0;
  if (s.anyOf) return (s.anyOf as Schema[]).every((b) => refusesJson(spec, b, value));
  if (s.const !== undefined && value !== s.const) return true;
  if (s.enum && !(s.enum as unknown[]).includes(value)) return true;
  const type = typeOf(spec, s);
  switch (type) {
    case 'string':
      return typeof value !== 'string' || refusesString(s, value);
    case 'integer':
      return typeof value !== 'number' || !Number.isInteger(value) || refusesNumber(s, value);
    case 'number':
      return typeof value !== 'number' || !Number.isFinite(value) || refusesNumber(s, value);
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array': {
      if (!Array.isArray(value)) return true;
      if (s.maxItems !== undefined && value.length > s.maxItems) return true;
      if (s.minItems !== undefined && value.length < s.minItems) return true;
      const items = s.items ? resolve(spec, s.items) : undefined;
      return value.some((v) => refusesJson(spec, items, v));
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return true;
      const record = value as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      // A missing field with a default is filled in (useDefaults), so only the others are missing.
      const missing = ((s.required ?? []) as string[]).filter((k) => !(k in record));
      if (missing.some((k) => resolve(spec, props[k] ?? {}).default === undefined)) return true;
      for (const [k, v] of Object.entries(record)) {
        if (hasForbiddenText(k)) return true;
        if (k in props) {
          if (refusesJson(spec, props[k], v)) return true;
        } else if (s.additionalProperties === false) {
          return true;
        } else if (typeof s.additionalProperties === 'object') {
          if (refusesJson(spec, s.additionalProperties, v)) return true;
        } else if (deepForbiddenText(v)) {
          return true;
        }
      }
      return false;
    }
    default:
      return deepForbiddenText(value);
  }
}

function deepForbiddenText(value: unknown): boolean {
  if (typeof value === 'string') return hasForbiddenText(value);
  if (Array.isArray(value)) return value.some(deepForbiddenText);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => hasForbiddenText(k) || deepForbiddenText(v));
  }
  return false;
}

function refusesString(s: Schema, value: string): boolean {
  if (hasForbiddenText(value)) return true;
  const length = [...value].length;
  if (s.maxLength !== undefined && length > s.maxLength) return true;
  if (s.minLength !== undefined && length < s.minLength) return true;
  if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) return true;
  if (s.format === 'email' && !EMAIL.test(value)) return true;
  if (s.format === 'date' && !DATE.test(value)) return true;
  if (s.format === 'date-time' && !DATE_TIME.test(value)) return true;
  return false;
}

function refusesNumber(s: Schema, value: number): boolean {
  if (s.minimum !== undefined && value < s.minimum) return true;
  if (s.maximum !== undefined && value > s.maximum) return true;
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return true;
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return true;
  return false;
}

/** Only decimal digits count as an integer in a path or query string (no +1, 0x10, 1e3, 1.0). */
const DECIMAL_INTEGER = /^-?[0-9]+$/;

/**
 * A path or query value as sent, decoded (one string, or several when the parameter repeats),
 * against the parameter's schema.
 */
export function judgeParameter(spec: Spec, schema: Schema, values: string[]): Verdict {
  const { schema: s } = unwrapNullable(spec, schema);
  if (typeOf(spec, s) === 'array') {
    if (s.maxItems !== undefined && values.length > s.maxItems) return 'no';
    const items = resolve(spec, s.items ?? {});
    return values.some((v) => refusesScalar(spec, items, v)) ? 'no' : 'maybe';
  }
  if (values.length !== 1) return 'no';
  return refusesScalar(spec, s, values[0]!) ? 'no' : 'maybe';
}

function refusesScalar(spec: Spec, schema: Schema, raw: string): boolean {
  const { schema: s } = unwrapNullable(spec, schema);
  if (hasForbiddenText(raw)) return true;
  if (s.enum) return !(s.enum as unknown[]).map(String).includes(raw);
  switch (typeOf(spec, s)) {
    case 'integer':
      return (
        !DECIMAL_INTEGER.test(raw) || !Number.isSafeInteger(Number(raw)) || refusesNumber(s, Number(raw))
      );
    case 'number':
      return !/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(raw) || refusesNumber(s, Number(raw));
    case 'boolean':
      return raw !== 'true' && raw !== 'false';
    case 'string':
      return refusesString(s, raw);
    default:
      return false;
  }
}
