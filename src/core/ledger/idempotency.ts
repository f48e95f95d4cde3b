// @internal: request hashes and the checks shared by the ledger's operations
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { AppError, type FieldError } from '../errors.ts';
import { normalizeCode } from '../reference/codes.ts';
import { findCurrency } from '../reference/get-currency.ts';

/** sha256 of the request's canonical JSON (keys sorted, bigints as strings). */
export function requestHash(value: Record<string, unknown>): string {
  const canonical = JSON.stringify(value, (_k, v) =>
    typeof v === 'bigint'
      ? v.toString()
      : v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** The largest amount one entry moves: what a JSON number holds exactly. */
export const MAX_AMOUNT = BigInt(Number.MAX_SAFE_INTEGER);

export async function assertAffiliate(db: Db, affiliateId: number): Promise<{ id: number; name: string }> {
  const row = await db
    .selectFrom('affiliates')
    .select(['id', 'name'])
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('affiliate');
  return row;
}

/** A currency code of the request: pushes its problem, returns the code when it is a usable one. */
export async function checkCurrency(
  db: Db,
  code: unknown,
  path: string,
  problems: FieldError[],
): Promise<{ code: string; minor_unit: number } | null> {
  const normalized = normalizeCode(code);
  if (!normalized) {
    problems.push({ path, message: 'is required: a currency code, e.g. "EUR"' });
    return null;
  }
  const currency = await findCurrency(db, normalized);
  if (!currency) {
    problems.push({ path, message: `unknown currency "${normalized}"` });
    return null;
  }
  return currency;
}

export function checkText(
  value: string | undefined,
  path: string,
  min: number,
  max: number,
  problems: FieldError[],
) {
  const text = (value ?? '').trim();
  if (!text) problems.push({ path, message: 'is required' });
  else if (text.length < min) problems.push({ path, message: `must be at least ${min} characters` });
  else if (text.length > max) problems.push({ path, message: `must be at most ${max} characters` });
  return text;
}

/** The caller's reference: the Idempotency-Key header or the body's order_id (one is required). */
export function callerReference(
  input: { order_id?: string | undefined; idempotencyKey?: string | undefined },
  problems: FieldError[],
): string | null {
  const key = input.idempotencyKey?.trim() || input.order_id?.trim();
  if (!key) {
    problems.push({
      path: 'order_id',
      message: 'is required: give an order_id (your unique reference) or an Idempotency-Key header',
    });
    return null;
  }
  if (key.length > 128) problems.push({ path: 'order_id', message: 'must be at most 128 characters' });
  return key;
}
