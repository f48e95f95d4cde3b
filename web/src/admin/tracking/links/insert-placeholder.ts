/**
 * Where a clicked placeholder goes in a destination URL. The server takes placeholders only in
 * the path, query and fragment (never the scheme, host or port), so appending `{{name}}` to
 * `https://brand.example` would put it in the host. At the cursor when the cursor is inside the
 * path, query or fragment; after a trailing `=` or `/`; otherwise as its own query parameter
 * (`?name={{name}}` or `&name={{name}}`), before any fragment.
 */
export function insertPlaceholder(url: string, name: string, cursor: number | null = null): string {
  const token = `{{${name}}}`;
  const authorityEnd = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*/i.exec(url)?.[0].length ?? 0;
  if (cursor !== null && cursor > authorityEnd && cursor < url.length) {
    return url.slice(0, cursor) + token + url.slice(cursor);
  }
  if (url.length > authorityEnd && /[=/]$/.test(url)) return url + token;
  const hash = url.indexOf('#', authorityEnd);
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const query = base.indexOf('?', authorityEnd);
  const separator = query === -1 ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${separator}${name}=${token}${fragment}`;
}
