import type { FastifyInstance } from 'fastify';

/** A JSON schema as /openapi.json writes it (OpenAPI 3.1). */
export type Schema = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** The path as OpenAPI names it, e.g. /api/v1/brands/{id}. */
  path: string;
  parameters: Parameter[];
  /** The request body's media type and schema, if it takes one. */
  body: { type: string; schema: Schema } | null;
  /** Whether the document says the operation needs credentials. */
  secured: boolean;
}

export interface Spec {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
}

export async function openApi(app: FastifyInstance): Promise<Spec> {
  const res = await app.inject({ url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`/openapi.json: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Every operation of the live document, in its order. */
export function operations(spec: Spec): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
      const [type, media] = Object.entries(content ?? {})[0] ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: ((op.parameters ?? []) as Parameter[]).map((p) => ({
          ...p,
          schema: resolve(spec, p.schema ?? {}),
        })),
        body: type && media ? { type, schema: resolve(spec, media.schema ?? {}) } : null,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return out;
}

/** The schema behind a local $ref (one level; nested refs are resolved as they are walked). */
export function resolve(spec: Spec, schema: Schema): Schema {
  const ref = schema?.$ref as string | undefined;
  if (!ref) return schema;
  const name = ref.split('/').pop()!;
  const target = spec.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${ref}`);
  return resolve(spec, target);
}

/** The non-null branch of a nullable schema, and whether null is allowed. */
export function unwrapNullable(spec: Spec, schema: Schema): { schema: Schema; nullable: boolean } {
  const s = resolve(spec, schema);
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches) {
    const nonNull = branches.map((b) => resolve(spec, b)).filter((b) => b.type !== 'null');
    const nullable = nonNull.length < branches.length;
    return { schema: nonNull.length === 1 ? nonNull[0]! : { anyOf: nonNull }, nullable };
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = s.type.filter((t: string) => t !== 'null');
    return { schema: { ...s, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  return { schema: s, nullable: s.nullable === true };
}

/** The primary JSON type of a schema (first branch of a union), or undefined when unconstrained. */
export function typeOf(spec: Spec, schema: Schema): string | undefined {
  const { schema: s } = unwrapNullable(spec, schema);
  if (s.anyOf) return typeOf(spec, s.anyOf[0]);
  if (s.const !== undefined) return typeof s.const === 'number' ? 'number' : typeof s.const;
  if (s.enum) return typeof s.enum[0] === 'number' ? 'number' : 'string';
  if (Array.isArray(s.type)) return s.type[0];
  if (s.type) return s.type;
  if (s.properties) return 'object';
  return undefined;
}

/** How seeded data answers a field or parameter name with an id, or a code. */
export type Ids = (name: string) => number | string | undefined;

let uniqueCounter = 0;

const STRING_CANDIDATES = ['EUR', 'NL', 'en', 'abc', 'abc-1', '2024-01-02', '1.5', '10', 'a'];

/**
 * A value the schema accepts, built from seeded ids where a field names a resource, so that a
 * request with one bad field reaches as far into the handler as the rest allows.
 */
export function sample(spec: Spec, schema: Schema, name: string, ids: Ids): unknown {
  const { schema: s } = unwrapNullable(spec, schema);
  if (s.anyOf) return sample(spec, s.anyOf[0], name, ids);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && typeOf(spec, s) !== 'object') return s.default;
  switch (typeOf(spec, s)) {
    case 'integer':
    case 'number': {
      const id = ids(name);
      if (typeof id === 'number') return id;
      const low = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? 1);
      return Math.min(low, s.maximum ?? low);
    }
    case 'boolean':
      return /terms|accept|consent/.test(name);
    case 'array': {
      const singular = name.replace(/_ids$/, '_id').replace(/s$/, '');
      const item = resolve(spec, s.items ?? {});
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(spec, item, singular, ids));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of (s.required ?? []) as string[]) {
        out[key] = sample(spec, s.properties?.[key] ?? {}, key, ids);
      }
      return out;
    }
    default:
      return sampleString(s, name, ids);
  }
}

function sampleString(s: Schema, name: string, ids: Ids): string {
  const id = ids(name);
  if (typeof id === 'string') return id;
  const sized = (v: string) => {
    const min = s.minLength ?? 0;
    const padded = v.length < min ? v + 'x'.repeat(min - v.length) : v;
    return s.maxLength !== undefined ? padded.slice(0, s.maxLength) : padded;
  };
  switch (s.format) {
    case 'email':
      return `fuzz${++uniqueCounter}-${process.pid}@example.com`;
    case 'uri':
    case 'url':
      return 'https://brand.example/landing';
    case 'date':
      return '2024-01-02';
    case 'date-time':
      return '2024-01-02T03:04:05Z';
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const found = STRING_CANDIDATES.map(sized).find((c) => re.test(c));
    if (found) return found;
  }
  if (/password/.test(name)) return sized('Sup3r#secret-pass');
  if (/url|website/.test(name)) return sized('https://brand.example/landing');
  if (/currency/.test(name)) return 'EUR';
  if (/country/.test(name)) return 'NL';
  if (/language/.test(name)) return 'en';
  return sized(`fuzz ${name}`);
}
