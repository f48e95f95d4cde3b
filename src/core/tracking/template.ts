import { AppError } from '../errors.ts';

/**
 * A destination URL with `{{placeholders}}`, split once into literal text and placeholder names
 * so a click only concatenates. Names are trimmed; Smartico's `{{_p_name}}` means the custom
 * parameter `name`.
 */
export type Template = readonly (string | { name: string })[];

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export function compileTemplate(url: string): Template {
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const match of url.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(url.slice(last, match.index));
    const raw = match[1]!;
    parts.push({ name: raw.startsWith('_p_') ? raw.slice(3) : raw });
    last = match.index + match[0].length;
  }
  if (last < url.length) parts.push(url.slice(last));
  return parts;
}

/**
 * Fills every placeholder with its value percent-encoded as one URL component (UTF-8; a space is
 * %20, `%` is %25, `/`, `?`, `&` and `#` are encoded too), or with nothing when it has no value.
 */
export function fillTemplate(template: Template, value: (name: string) => string | undefined): string {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') out += part;
    else {
      const v = value(part.name);
      if (v) out += encodeURIComponent(v);
    }
  }
  return out;
}

/** The names a template uses, e.g. to show which custom parameters a link expects. */
export function placeholderNames(url: string): string[] {
  return [...new Set(compileTemplate(url).flatMap((p) => (typeof p === 'string' ? [] : [p.name])))];
}

/** Accepts only an absolute http(s) URL once its placeholders are filled in. */
export function validateUrlTemplate(path: string, url: string): string {
  const trimmed = url.trim();
  const sample = trimmed.replace(PLACEHOLDER, 'x');
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    throw AppError.field(path, 'must be an absolute http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw AppError.field(path, 'must be an absolute http or https URL');
  }
  if (/\{\{|\}\}/.test(sample))
    throw AppError.field(path, 'has a placeholder that is not closed or not named');
  return trimmed;
}
