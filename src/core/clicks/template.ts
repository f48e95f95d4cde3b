import { AppError } from '../errors.ts';

/** A placeholder's name as a click looks it up: Smartico's `{{_p_name}}` means `name`. */
export type TemplatePart = string | { name: string };

/**
 * A checked destination URL split once, so a click only concatenates: the origin (scheme, host,
 * port) the link was saved with, then literal text and placeholders. The origin holds no
 * placeholder, and every value filled in is percent-encoded, so no click can change the host.
 */
export interface Template {
  origin: string;
  parts: readonly TemplatePart[];
}

export type CheckedTemplate =
  | { url: string; template: Template; problem?: undefined }
  | { url?: undefined; template?: undefined; problem: string };

/**
 * Checks a destination URL with `{{placeholders}}` and returns it in the form a Location header
 * can carry as is: host in punycode, path, query and fragment percent-encoded (UTF-8), each
 * placeholder written `{{name}}`. Refused: control characters (a header cannot hold them),
 * placeholders in the scheme, host or port (a visitor could pick the host), a user name or
 * password, and anything the URL parser refuses. Runs when a link is saved or loaded, never per
 * click; its patterns are written here rather than in the module so mutation testing can vary them.
 */
export function checkUrlTemplate(input: string): CheckedTemplate {
  const notUrl = { problem: 'must be an absolute http or https URL, such as https://brand.example/landing' };
  const url = input.trim();
  if (/\p{Cc}/u.test(url))
    return { problem: 'must not contain control characters such as line breaks or tabs' };
  // The host starts after any run of slashes and backslashes and ends at the first of `/\?#`, as
  // the URL parser reads an http(s) URL (the tabs and newlines it would drop are refused above).
  const scheme = /^https?:[/\\]*/i.exec(url);
  if (!scheme) return notUrl;
  const authority = url.slice(scheme[0].length).split(/[/\\?#]/, 1)[0]!;
  if (authority.includes('{{')) {
    return { problem: 'may have placeholders only in the path, query or fragment, not in the host or port' };
  }
  if (authority.includes('@')) return { problem: 'must not contain a user name or password' };
  // Placeholders become marks the URL parser keeps as they are, then are put back.
  const mark = markFor(url);
  const raws: string[] = [];
  const sample = url.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, raw: string) => {
    raws.push(raw);
    return `${mark}${raws.length - 1}${mark}`;
  });
  if (sample.includes('{{') || sample.includes('}}')) {
    return { problem: 'has a placeholder that is not closed or not named' };
  }
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    return notUrl;
  }
  // Percent-encoded braces decode into the host, where a stored `{{x}}` would read as a placeholder.
  if (/[{}]/.test(parsed.host)) return { problem: 'has a host name that is not valid' };
  const rest = parsed.pathname + parsed.search + parsed.hash;
  const parts: TemplatePart[] = [];
  let out = parsed.origin;
  let last = 0;
  for (const match of rest.matchAll(new RegExp(`${mark}(\\d+)${mark}`, 'g'))) {
    const raw = raws[Number(match[1])]!;
    const literal = rest.slice(last, match.index);
    if (literal) parts.push(literal);
    parts.push({ name: raw.startsWith('_p_') ? raw.slice(3) : raw });
    out += `${literal}{{${raw}}}`;
    last = match.index + match[0].length;
  }
  // A `/..` segment after a placeholder removes it from the path.
  if (parts.filter((p) => typeof p !== 'string').length !== raws.length) {
    return { problem: 'has a placeholder that a following "/.." segment would remove' };
  }
  const tail = rest.slice(last);
  if (tail) parts.push(tail);
  return { url: out + tail, template: { origin: parsed.origin, parts } };
}

/** Letters the URL cannot already contain, so a mark is never mistaken for the URL's own text. */
function markFor(url: string): string {
  let mark = 'ph';
  while (url.includes(mark)) mark += 'x';
  return mark;
}

/** The checked, normalised URL to store, or a 422 naming `path`. */
export function validateUrlTemplate(path: string, url: string): string {
  const checked = checkUrlTemplate(url);
  if (checked.problem !== undefined) throw AppError.field(path, checked.problem);
  return checked.url;
}

/**
 * Fills every placeholder with its value percent-encoded as one URL component (UTF-8; a space is
 * %20, `%` is %25, `/`, `?`, `&`, `#`, `@` and `:` are encoded too), or with nothing when it has
 * no value. The result is ASCII without spaces or controls, so it is always a valid header value.
 */
export function fillTemplate(template: Template, value: (name: string) => string | undefined): string {
  let out = template.origin;
  for (const part of template.parts) {
    if (typeof part === 'string') out += part;
    else {
      const v = value(part.name);
      if (v) out += encodeURIComponent(v);
    }
  }
  return out;
}
