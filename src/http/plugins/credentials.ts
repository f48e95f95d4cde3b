import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Credentials that authenticated lately: see VerifiedCredentials. */
    verifiedCredentials: VerifiedCredentials;
  }
}

/**
 * The API key a request presents, as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. The one
 * parser of operator auth, partner auth and the rate limiter, so they never disagree about which
 * credential a request carries.
 */
export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

export const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/**
 * API keys and session tokens (by digest) that the route's authentication accepted within the last
 * `ttlMs`. The rate limiter counts a request against its credential's own bucket only when the
 * credential is in here: a made-up key or cookie counts against the caller's address, as if absent.
 * Revocation is seen at once by authentication; here it only keeps a bucket for up to `ttlMs`.
 */
export class VerifiedCredentials {
  readonly #until = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(ttlMs = 10 * 60_000, max = 50_000, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#max = max;
    this.#now = now;
  }

  remember(credential: string): void {
    const id = digest(credential);
    this.#until.delete(id);
    this.#until.set(id, this.#now() + this.#ttlMs);
    // Oldest first: a Map keeps insertion order, and remember() re-inserts.
    while (this.#until.size > this.#max) this.#until.delete(this.#until.keys().next().value!);
  }

  forget(credential: string): void {
    this.#until.delete(digest(credential));
  }

  /** The credential's digest when it is verified, else null. */
  verified(credential: string): string | null {
    const id = digest(credential);
    const until = this.#until.get(id);
    if (until === undefined) return null;
    if (until > this.#now()) return id;
    this.#until.delete(id);
    return null;
  }
}
