import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError, type FieldError } from '../../core/errors.ts';
import { dottedPath } from './validation-fields.ts';

/** What an integer in a request may be unless its schema says otherwise: PostgreSQL's int4. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

type Schema = Record<string, any>;
type Validate = ((data: unknown, ctx?: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown };
type Compile = (route: { schema: unknown; httpPart?: string; method: string; url: string }) => Validate;
type Options = { customOptions?: Record<string, unknown> };
type Factory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];

/**
 * Fastify calls the factory once per plugin context (about a hundred): one pool keeps one Ajv
 * instance per set of shared schemas and options instead of two new ones (each compiling Ajv's
 * meta-schema) per call, which was over a second of every start.
 */
const pool = AjvCompiler();

/**
 * Fastify's validator factory (schemaController.compilersFactory.buildValidator), with two Ajv
 * instances: query strings, path params and headers are text, so they are coerced (and a single
 * value becomes a one-item list), but a JSON body is taken as sent: "false" is not false.
 */
export const buildValidator = ((externalSchemas: Record<string, any>, options: Options = {}) => {
  const custom = options.customOptions ?? {};
  // The pool's declared types say it compiles a bare schema; it is called with the route, as here.
  const build = (coerceTypes: false | 'array') =>
    pool(externalSchemas, { ...options, customOptions: { ...custom, coerceTypes } }) as unknown as Compile;
  const strict = build(false);
  const coercing = build('array');
  return (route: Parameters<Compile>[0]): Validate => {
    const bounded = { ...route, schema: withIntegerBounds(route.schema) };
    if (route.httpPart === 'body') return strict(bounded);
    return plainNumbers(bounded.schema, coercing(bounded));
  };
}) as unknown as Factory;

/**
 * A copy of the schema in which every integer without bounds gets int4's: an unbounded one let
 * `width=9999999999999` through to a database column that cannot hold it.
 */
function withIntegerBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withIntegerBounds);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps field names to schemas; a field named like a keyword is still a schema.
    out[key] =
      key === 'properties' || key === 'patternProperties' || key === '$defs'
        ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, withIntegerBounds(v)]))
        : key === 'default' || key === 'enum' || key === 'const' || key === 'examples'
          ? value
          : withIntegerBounds(value);
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT4_MAX;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INT4_MIN;
  }
  return out;
}

const PLAIN = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ } as const;

function kindOf(schema: Schema | undefined): 'integer' | 'number' | null {
  if (!schema) return null;
  if (schema.type === 'array') return kindOf(schema.items);
  const branches: Schema[] = schema.anyOf ?? schema.oneOf ?? [schema];
  const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : [b.type]));
  // A field that also takes text keeps its text (e.g. "30d" or 7 for an expiry).
  if (types.includes('string')) return null;
  if (types.includes('number')) return 'number';
  return types.includes('integer') ? 'integer' : null;
}

/**
 * Ajv coerces text the way JavaScript does, so "0x10", "+1", " 1", "1e1" and "Infinity" all
 * became numbers: DELETE /affiliate-tiers/0x10 deleted tier 16. Numbers in a query string or
 * path are plain decimal digits; anything else is refused before Ajv can coerce it.
 */
function plainNumbers(schema: unknown, validate: Validate): Validate {
  const properties = (schema as Schema | undefined)?.properties as Record<string, Schema> | undefined;
  const numeric = Object.entries(properties ?? {}).flatMap(([name, field]) => {
    const kind = kindOf(field);
    return kind ? [[name, kind] as const] : [];
  });
  if (!numeric.length) return validate;
  const checked: Validate = (data, ctx) => {
    const errors: Record<string, unknown>[] = [];
    for (const [name, kind] of numeric) {
      const value = (data as Record<string, unknown> | null)?.[name];
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (typeof item === 'string' && !PLAIN[kind].test(item)) {
          errors.push({
            instancePath: Array.isArray(value) ? `/${name}/${i}` : `/${name}`,
            keyword: 'type',
            params: { type: kind },
            message:
              kind === 'integer'
                ? 'must be a whole number written in decimal digits'
                : 'must be a number written in decimal digits',
          });
        }
      });
    }
    if (errors.length) {
      checked.errors = errors;
      return false;
    }
    const ok = validate(data, ctx);
    checked.errors = validate.errors;
    return ok;
  };
  // Fastify passes the parent object along when the validator is Ajv's (so Ajv may coerce the root).
  checked.schemaEnv = validate.schemaEnv;
  return checked;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null: PostgreSQL refuses NUL and invalid UTF-16. */
export function badText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it has an unpaired surrogate)';
  return null;
}

const PARTS = [
  ['querystring', 'query'],
  ['params', 'params'],
  ['body', 'body'],
] as const;

/** Every string (and object key) of the query, path and body that badText refuses. */
export function badTextFields(request: FastifyRequest): (FieldError & { in: string })[] {
  const found: (FieldError & { in: string })[] = [];
  for (const [location, part] of PARTS) {
    const stack: [unknown, string][] = [[request[part], '']];
    while (stack.length && found.length < 20) {
      const [value, pointer] = stack.pop()!;
      if (typeof value === 'string') {
        const message = badText(value);
        if (message) found.push({ path: dottedPath(pointer) || location, message, in: location });
      } else if (ArrayBuffer.isView(value)) {
        // A file body (a CSV upload) is bytes, not text: the route that reads it checks its cells.
      } else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const message = badText(key);
          if (message) found.push({ path: dottedPath(at), message: `(a key) ${message}`, in: location });
          else stack.push([item, at]);
        }
      }
    }
  }
  return found;
}

/**
 * Refuses NUL and unpaired surrogates anywhere in the input with a 422 naming the field (the
 * database would fail on them with a 500). A preHandler, so it runs after authentication and the
 * schema, before any route's own work.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const fields = badTextFields(request);
    if (fields.length) throw AppError.validation(fields);
  });
}
