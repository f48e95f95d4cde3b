import { createHash } from 'node:crypto';

/** The previous hash of an affiliate's first link. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted by code unit and no whitespace: RFC 8785 (JCS) for the values the
 * chain holds (strings, safe integers, decimals PostgreSQL prints, booleans, null, arrays,
 * objects). verifier/verify-statement.mjs has its own copy on purpose: it must run without this
 * project; test/history/chain-hash.test.ts holds the two to the same output.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What a link's body hash covers: the record's kind, its source row's id and the row itself. */
export const bodyHash = (kind: string, refId: number | string, body: unknown) =>
  sha256Hex(canonicalJson({ body, kind, ref_id: String(refId) }));

/**
 * bodyHash from the body's canonical text (`canonicalJson(body)`), for a caller that needs that
 * text too: the same text, its keys in the same order (body, kind, ref_id).
 */
export const bodyHashOfText = (kind: string, refId: number | string, bodyText: string) =>
  sha256Hex(`{"body":${bodyText},"kind":${JSON.stringify(kind)},"ref_id":${JSON.stringify(String(refId))}}`);

/** A link's hash: its place in the affiliate's chain, the previous link's hash and its body's. */
export const linkHash = (affiliateId: number, seq: number, prevHash: string, body: string) =>
  sha256Hex(`affluent-chain-v1:${affiliateId}:${seq}:${prevHash}:${body}`);
