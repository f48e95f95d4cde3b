import type { Db } from '../../db/index.ts';
import { type ApiKey, toApiKey } from './api-keys.ts';

export async function listApiKeys(db: Db, options: { includeRevoked?: boolean } = {}): Promise<ApiKey[]> {
  let query = db.selectFrom('api_keys').selectAll().orderBy('id');
  if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
  return (await query.execute()).map(toApiKey);
}
