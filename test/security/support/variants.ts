import {
  type Ids,
  type Operation,
  type Parameter,
  type Schema,
  type Spec,
  sample,
  typeOf,
  unwrapNullable,
} from './openapi.ts';
import { judgeJson, judgeParameter, LONE_SURROGATE, type Verdict } from './oracle.ts';

/** One malformed request for an operation, and what must come of it. */
export interface Variant {
  /** What is wrong with it, for the failure message. */
  name: string;
  /** no: must be refused (4xx) and change nothing; maybe: must not fail (no 5xx). */
  verdict: Verdict;
  /** Path with its parameters filled (raw, already percent-encoded), and the query string. */
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** Sent without the caller's credentials; then a secured operation must answer exactly 401. */
  anonymous?: boolean;
}

/** Odd ids for path and query parameters, percent-encoded as sent. */
export const ODD_IDS = [
  '+1',
  '0x10',
  '1e400',
  '1e3',
  'Infinity',
  '-Infinity',
  'NaN',
  '-1',
  '0',
  '-0',
  '99999999999999999999',
  '2147483648',
  '1.5',
  '1.0',
  '01',
  '%201',
  '1%20',
  '1%00',
  '%00',
  'abc',
  '1abc',
  'true',
  'null',
  '%5B%5D',
  '%ED%A0%80',
  '%FF',
  "'%20OR%20'1'%3D'1",
  '1%3B%20drop%20table%20affiliates',
  '..%2F..%2Fetc%2Fpasswd',
  '%7B%7B7*7%7D%7D',
  '%E2%80%AE1',
  'x'.repeat(3000),
];

/** Free text that must never break anything, stored as given or refused. */
const TEXT = [
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  'a\u0007\u001b[31m\r\nb\u0085',
  "'; drop table affiliates; --",
  `<script>alert(1)</script>{{7*7}}\${7*7}<%= 7*7 %>`,
  '../../../../etc/passwd',
  '😀\u202e'.repeat(150),
  'x'.repeat(20_000),
  '',
];

/** A body past the 5 MiB limit, made once. */
const OVERSIZED = `{"x":"${'x'.repeat(5_300_000)}"}`;

const RAW = '\u0001raw:';
/** A number JSON.stringify cannot write (it would say null); put in the body text as is. */
const raw = (text: string) => `${RAW}${text}`;
/** Arrays nested `depth` deep, as body text (no recursion on this side). */
const deepArray = (depth: number) => raw(`${'['.repeat(depth)}${']'.repeat(depth)}`);

/** What a raw() value reads as; deep arrays judged as three levels (any schema says the same). */
const readRaw = (marker: string) => {
  const text = marker.slice(RAW.length);
  return text.startsWith('[') ? [[[]]] : JSON.parse(text);
};

/** Bad values for a field of the given schema (values tagged raw() are written unquoted). */
function badValues(spec: Spec, schema: Schema, name: string, ids: Ids): unknown[] {
  const good = sample(spec, schema, name, ids);
  const { schema: s } = unwrapNullable(spec, schema);
  const common = [null, [good], { $gt: '' }, deepArray(3000)];
  switch (typeOf(spec, schema)) {
    case 'string': {
      const long = s.maxLength !== undefined ? ['x'.repeat(s.maxLength + 1)] : [];
      return [...common, 12345, ...TEXT, ...long, 'not-a-valid-value'];
    }
    case 'integer':
    case 'number':
      return [
        ...common,
        '1',
        '0x10',
        true,
        1.5,
        -1,
        0,
        2147483648,
        raw('1e400'),
        raw('99999999999999999999'),
      ];
    case 'boolean':
      return [...common, 'true', 1];
    case 'array':
      return [...common, 'x', [null], ['a\u0000b'], [raw('1e400')], tooMany(s, good)];
    case 'object':
      return [...common, 'x', { zz_unknown: 1 }, { 'a\u0000': 'b' }];
    default:
      return [...common, 'a\u0000b', '\ud800', raw('1e400')];
  }
}

function tooMany(schema: Schema, good: unknown): unknown {
  const first = Array.isArray(good) && good.length ? good[0] : 1;
  return Array.from({ length: Math.min((schema.maxItems ?? 999) + 1, 20_001) }, () => first);
}

/** JSON text of a body, with raw() numbers unquoted. */
export function bodyText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** The value as the server's JSON parser reads the body text. */
function parsed(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(RAW)) return readRaw(value);
  if (Array.isArray(value)) return value.map(parsed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parsed(v)]));
  }
  return value;
}

const short = (v: unknown) => {
  const text = typeof v === 'string' ? JSON.stringify(v) : bodyText(v);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
};

/** The operation's path, each {param} replaced by a seeded value or an override (raw). */
export function fillPath(op: Operation, spec: Spec, ids: Ids, override: Record<string, string> = {}) {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name in override) return override[name]!;
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    const value =
      ids(`${segmentBefore(op.path, name)}/${name}`) ?? sample(spec, param?.schema ?? {}, name, ids);
    return encodeURIComponent(String(value));
  });
}

/** The collection a path parameter names, e.g. "brands" for /brands/{id}. */
export function segmentBefore(path: string, name: string): string {
  const parts = path.split('/');
  const at = parts.indexOf(`{${name}}`);
  return parts[at - 1] ?? '';
}

const decode = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
};

/** Odd values for every path parameter. */
export function pathVariants(spec: Spec, op: Operation, ids: Ids, body?: string): Variant[] {
  const out: Variant[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    for (const odd of ODD_IDS) {
      const value = decode(odd);
      out.push({
        name: `path ${p.name}=${odd.length > 40 ? `${odd.slice(0, 10)}…(${odd.length})` : odd}`,
        verdict: value === null ? 'maybe' : judgeParameter(spec, p.schema, [value]),
        url: fillPath(op, spec, ids, { [p.name]: odd }),
        ...(body !== undefined ? { payload: body, headers: { 'content-type': 'application/json' } } : {}),
      });
    }
  }
  return out;
}

/** Odd values for every query parameter, one at a time, on the seeded path. */
export function queryVariants(spec: Spec, op: Operation, ids: Ids): Variant[] {
  const out: Variant[] = [];
  const path = fillPath(op, spec, ids);
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const good = String(sampleScalar(spec, p, ids));
    const { schema: s } = unwrapNullable(spec, p.schema);
    const item = typeOf(spec, s) === 'array' ? unwrapNullable(spec, s.items ?? {}).schema : s;
    // Free text gets the text values, everything else (ids, numbers, enums, dates) the odd ids.
    const freeText = typeOf(spec, item) === 'string' && !item.enum && !item.format && !item.pattern;
    const values: string[][] = [
      ...(freeText
        ? [
            ...TEXT.filter((v) => v.length < 5000).map((v) =>
              encodeURIComponent(v.replace(new RegExp(LONE_SURROGATE, 'g'), '\ufffd')),
            ),
            '%00',
            '%FF',
          ]
        : ODD_IDS
      ).map((v) => [v]),
      ['%ED%A0%80'],
      [encodeURIComponent(good), encodeURIComponent(good)],
      Array.from({ length: 101 }, () => encodeURIComponent(good)),
      ['x'.repeat(20_000)],
    ];
    for (const sent of values) {
      const decoded = sent.map(decode);
      const shown = sent.length > 2 ? `${sent[0]} ×${sent.length}` : sent.join('&');
      out.push({
        name: `query ${p.name}=${shown.length > 40 ? `${shown.slice(0, 20)}…(${shown.length})` : shown}`,
        verdict: decoded.includes(null) ? 'maybe' : judgeParameter(spec, p.schema, decoded as string[]),
        url: `${path}?${sent.map((v) => `${encodeURIComponent(p.name)}=${v}`).join('&')}`,
      });
    }
  }
  return out;
}

function sampleScalar(spec: Spec, p: Parameter, ids: Ids): unknown {
  const v = sample(spec, p.schema, p.name, ids);
  return Array.isArray(v) ? v[0] : v;
}

/** A JSON body's malformed forms: the whole body, then each field (and each field of an object field). */
export function bodyVariants(spec: Spec, op: Operation, ids: Ids): Variant[] {
  const schema = op.body!.schema;
  const base = sample(spec, schema, 'body', ids) as Record<string, unknown>;
  const url = fillPath(op, spec, ids);
  const json = { 'content-type': 'application/json' };
  const out: Variant[] = [];
  const add = (name: string, value: unknown) =>
    out.push({
      name,
      verdict: judgeJson(spec, schema, parsed(value)),
      url,
      payload: bodyText(value),
      headers: json,
    });

  for (const [name, text] of [
    ['body not JSON', '{"a":'],
    ['body empty', ''],
    ['body null', 'null'],
    ['body []', '[]'],
    ['body "text"', '"text"'],
    ['body 42', '42'],
    ['body __proto__', '{"__proto__":{"polluted":true}}'],
    ['body constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['body 5000 levels deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['object 5000 levels deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
  ] as const) {
    out.push({ name, verdict: 'no', url, payload: text, headers: json });
  }
  out.push({
    name: 'body over 5 MiB',
    verdict: 'no',
    url,
    payload: OVERSIZED,
    headers: json,
  });
  const text = bodyText(base);
  out.push({
    name: 'content-type text/plain',
    verdict: 'no',
    url,
    payload: text,
    headers: { 'content-type': 'text/plain' },
  });
  out.push({
    name: 'content-type multipart without boundary',
    verdict: 'no',
    url,
    payload: text,
    headers: { 'content-type': 'multipart/form-data' },
  });
  add('unknown field', { ...base, zz_unknown: 1 });
  for (const key of Object.keys(base)) {
    const { [key]: _dropped, ...rest } = base;
    add(`missing ${key}`, rest);
  }
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [key, propSchema] of Object.entries(props)) {
    for (const bad of badValues(spec, propSchema, key, ids))
      add(`${key}: ${short(bad)}`, { ...base, [key]: bad });
    const nested = (unwrapNullable(spec, propSchema).schema.properties ?? {}) as Record<string, Schema>;
    const whole = unwrapNullable(spec, propSchema).schema;
    const inner = (sample(spec, { ...whole, required: Object.keys(nested) }, key, ids) ?? {}) as object;
    for (const [sub, subSchema] of Object.entries(nested)) {
      for (const bad of badValues(spec, subSchema, sub, ids)) {
        add(`${key}.${sub}: ${short(bad)}`, { ...base, [key]: { ...inner, [sub]: bad } });
      }
    }
  }
  return out;
}
