import type { Db } from '../../db/index.ts';
import { AppError, type FieldError } from '../errors.ts';

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
  const managed = await managedAmong(db, staffId, wanted);
  const missing = wanted.find((id) => !managed.has(id));
  if (missing !== undefined) throw AppError.notFound(`affiliate ${missing}`);
}

/** The ids of the affiliates a manager manages, as a subquery for `where affiliate_id in (...)`. */
export function managedAffiliateIds(db: Db, staffId: number) {
  return db
    .selectFrom('affiliates')
    .select('affiliates.id')
    .where('affiliates.account_manager_id', '=', staffId);
}

/** Those of `affiliateIds` that exist and the manager manages. */
export async function managedAmong(db: Db, staffId: number, affiliateIds: number[]): Promise<Set<number>> {
  if (affiliateIds.length === 0) return new Set();
  const rows = await managedAffiliateIds(db, staffId)
    .where('affiliates.id', 'in', [...new Set(affiliateIds)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * A list of affiliates in a body (`private_affiliate_ids`, `affiliate_ids`) written by a limited
 * manager: each one missing or not theirs is refused at its index with the same words, so the
 * answer never tells an existing affiliate of someone else from a missing one.
 */
export async function assertMayReferenceAffiliates(
  db: Db,
  staffId: number,
  path: string,
  affiliateIds: readonly number[],
): Promise<void> {
  const managed = await managedAmong(db, staffId, [...affiliateIds]);
  const errors: FieldError[] = [];
  for (const [i, id] of affiliateIds.entries()) {
    if (!managed.has(id)) errors.push({ path: `${path}[${i}]`, message: `affiliate ${id} does not exist` });
  }
  if (errors.length) throw AppError.validation(errors);
}

/**
 * A grant list replaced by a limited manager replaces only their part of it: the grants of
 * affiliates they cannot see (and so could not have sent back) are kept.
 */
export async function withHiddenGrants(
  db: Db,
  staffId: number,
  current: readonly number[],
  given: readonly number[],
): Promise<number[]> {
  const managed = await managedAmong(db, staffId, [...current]);
  return [...new Set([...given, ...current.filter((id) => !managed.has(id))])];
}

/** Shown to a limited manager, a list of affiliates (a link's grants, ...) names only theirs. */
export async function hideUnmanaged<K extends string, T extends Record<K, number[]>>(
  db: Db,
  staffId: number,
  items: T[],
  key: K,
): Promise<T[]> {
  const managed = await managedAmong(
    db,
    staffId,
    items.flatMap((item) => item[key]),
  );
  return items.map((item) => ({ ...item, [key]: item[key].filter((id) => managed.has(id)) }));
}
