import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { API_KEY_PREFIX, type ApiKey, toApiKey } from './api-keys.ts';
import { isScope, SCOPES } from './scopes.ts';
import { randomToken, sha256 } from './secrets.ts';

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
}

/**
 * The secret is returned once, here; only its hash is stored. A key made by a staff user records
 * who made it.
 */
export async function createApiKey({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: CreateApiKeyInput;
}): Promise<{ key: string; apiKey: ApiKey }> {
  const name = input.name.trim();
  if (!name) throw AppError.field('name', 'must not be empty');
  const scopes = [...new Set(input.scopes.map((s) => s.trim()).filter(Boolean))];
  if (scopes.length === 0) throw AppError.field('scopes', `must name at least one of ${SCOPES.join(', ')}`);
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length > 0) {
    throw AppError.field('scopes', `unknown scope ${unknown.join(', ')}; allowed: ${SCOPES.join(', ')}`);
  }
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      key_hash: sha256(key),
      scopes,
      created_by: actor.type === 'staff' ? actor.id : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, apiKey: toApiKey(row) };
}
