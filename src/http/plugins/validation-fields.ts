import type { FieldError } from '../../core/errors.ts';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, any>;
}

/** `/users/0/email` becomes `users[0].email`. */
export function dottedPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1);
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  integer: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'enter an email like name@example.com',
  uri: 'enter a web address like https://example.com',
  url: 'enter a web address like https://example.com',
  date: 'enter a date like 2024-12-31',
  'date-time': 'enter a date and time like 2024-12-31T23:59:00Z',
  time: 'enter a time like 23:59',
  uuid: 'enter an id like 123e4567-e89b-12d3-a456-426614174000',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Ajv's message rewritten for a person, naming the rule ("must be at least 8 characters"), not
 * the schema ("must NOT have fewer than 8 characters"). `value` is what was sent at the path.
 */
function plainMessage(e: AjvError, value: unknown): string {
  const p = e.params;
  switch (e.keyword) {
    case 'minLength':
      if (value === '' || (p.limit === 1 && typeof value === 'string' && value.length === 0))
        return 'is required';
      return `must be at least ${plural(p.limit, 'character', 'characters')}`;
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character', 'characters')}`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit}`;
    case 'multipleOf':
      return `must be a multiple of ${p.multipleOf}`;
    case 'minItems':
      return p.limit === 1 ? 'choose at least one' : `must hold at least ${p.limit} items`;
    case 'maxItems':
      return `must hold at most ${plural(p.limit, 'item', 'items')}`;
    case 'uniqueItems':
      return 'must not repeat an item';
    case 'minProperties':
      return p.limit === 1 ? 'must name at least one field' : `must name at least ${p.limit} fields`;
    case 'maxProperties':
      return `must name at most ${plural(p.limit, 'field', 'fields')}`;
    case 'type':
      return TYPE_WORDS[String(p.type)] ?? 'is of the wrong kind';
    case 'format':
      return FORMAT_WORDS[p.format] ?? `is not a valid ${p.format}`;
    case 'pattern':
      return 'is not in the expected form';
    case 'const':
      return p.allowedValue === true ? 'must be accepted' : `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'anyOf':
    case 'oneOf':
      return 'does not match any allowed form';
    default:
      return 'is invalid';
  }
}

/**
 * How telling an error is about its field: a branch's own complaint beats "must be null" (the
 * other branch of a nullable field) and the union's "does not match any allowed form".
 */
function rank(e: AjvError): number {
  if (e.keyword === 'required') return 3;
  if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return 0;
  if (e.keyword === 'type' && e.params.type === 'null') return 1;
  return 2;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/**
 * One entry per bad field, with a message a person can act on. `data` is the input validated,
 * so a too-short empty string reads "is required".
 */
export function fieldErrors(
  errors: AjvError[],
  location: string,
  data?: unknown,
): (FieldError & { in: string })[] {
  const out = new Map<string, { error: FieldError & { in: string }; rank: number }>();
  for (const e of errors) {
    let path = dottedPath(e.instancePath);
    if (e.keyword === 'required') path = dottedPath(e.instancePath, e.params.missingProperty);
    if (e.keyword === 'additionalProperties') path = dottedPath(e.instancePath, e.params.additionalProperty);
    const key = `${location}:${path}`;
    const r = rank(e);
    const seen = out.get(key);
    if (seen && seen.rank >= r) continue;
    const message = plainMessage(e, valueAt(data, e.instancePath));
    out.set(key, { error: { path, message, in: location }, rank: r });
  }
  return [...out.values()].map((v) => v.error);
}
