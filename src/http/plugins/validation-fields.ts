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

/** One entry per bad field, with a message a person can act on. */
export function fieldErrors(errors: AjvError[], location: string): (FieldError & { in: string })[] {
  const out = new Map<string, FieldError & { in: string }>();
  for (const e of errors) {
    let path = dottedPath(e.instancePath);
    let message = e.message ?? 'is invalid';
    switch (e.keyword) {
      case 'required':
        path = dottedPath(e.instancePath, e.params.missingProperty);
        message = 'is required';
        break;
      case 'additionalProperties':
        path = dottedPath(e.instancePath, e.params.additionalProperty);
        message = 'is not a known field';
        break;
      case 'enum':
        message = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'anyOf':
      case 'oneOf':
        // Its branches have already said what is wrong; keep this only when nothing else did.
        if (out.has(`${location}:${path}`)) continue;
        message = 'does not match any allowed form';
        break;
    }
    const key = `${location}:${path}`;
    if (!out.has(key) || e.keyword === 'required') out.set(key, { path, message, in: location });
  }
  return [...out.values()];
}
