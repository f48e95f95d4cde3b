import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';

/**
 * For a manager limited to their own affiliates: the ones among `affiliateIds` they do not manage
 * are answered as not found, so a limited manager cannot even learn that they exist.
 */
export async function assertManagesAffiliates(
  db: Db,
  staffId: number,
  affiliateIds: number[],
): Promise<void> {
  const wanted = [...new Set(affiliateIds)];
  if (wanted.length === 0) return;
  const rows = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', 'in', wanted)
    .where('account_manager_id', '=', staffId)
    .execute();
  const managed = new Set(rows.map((r) => r.id));
  const missing = wanted.find((id) => !managed.has(id));
  if (missing !== undefined) throw AppError.notFound(`affiliate ${missing}`);
}
