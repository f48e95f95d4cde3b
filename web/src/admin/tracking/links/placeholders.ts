import type { Placeholders } from '../api.ts';

/** A placeholder the click redirect fills itself; the list comes from the server (placeholdersQuery). */
export type BuiltIn = Placeholders['built_in'][number];

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Smartico writes a custom parameter `name` as `{{_p_name}}`. */
const nameOf = (raw: string) => (raw.startsWith('_p_') ? raw.slice(3) : raw);

export function placeholdersIn(url: string): string[] {
  return [...new Set([...url.matchAll(PLACEHOLDER)].map((m) => nameOf(m[1]!)))];
}

/** The URL as a click would fill it with the built-ins' sample values; other names read "<name>". */
export function previewUrl(url: string, builtIns: readonly BuiltIn[]): string {
  return url.replace(PLACEHOLDER, (_, raw: string) => {
    const name = nameOf(raw);
    const builtIn = builtIns.find((p) => p.name === name);
    return builtIn ? encodeURIComponent(builtIn.sample) : `<${name}>`;
  });
}
