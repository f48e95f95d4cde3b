// @internal: only core/affiliates imports this file.
import type { Db } from '../../db/index.ts';
import { maskPaymentDetails, type PaymentType } from './payment-methods.ts';
import type { AffiliateState, ChangeContext } from './state.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** JSON-safe: dates as ISO strings, amounts (bigint minor units) as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * `billing.details.day_of_month`, `address.city`, ... Arrays stay whole (labels are one field).
 * Payment details are compared as stored but shown masked: history never holds a secret.
 */
function flatten(state: AffiliateState): Map<string, { key: string; shown: unknown }> {
  const out = new Map<string, { key: string; shown: unknown }>();
  const put = (field: string, value: unknown, shown: unknown = value) => {
    out.set(field, { key: JSON.stringify(plain(value)), shown: plain(shown) });
  };
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    } else {
      put(prefix, value);
    }
  };
  const { id, created_at, updated_at, last_login_at, signup_info, payment_method, approved_by, ...rest } =
    state;
  for (const [k, v] of Object.entries(rest)) walk(k, v);
  put('approved_by', approved_by);
  put('payment_method.type', payment_method.type);
  const masked = maskPaymentDetails(payment_method.type as PaymentType, payment_method.details);
  for (const [k, v] of Object.entries(payment_method.details))
    put(`payment_method.details.${k}`, v, masked[k]);
  return out;
}

const isEmpty = (v: unknown) =>
  v === null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0);

/** Field-level differences; for a new affiliate (no before) every field that holds something. */
export function diffStates(before: AffiliateState | null, after: AffiliateState): FieldChange[] {
  const next = flatten(after);
  if (!before) {
    return [...next]
      .filter(([, v]) => !isEmpty(v.shown))
      .map(([field, v]) => ({ field, before: null, after: v.shown }));
  }
  const prev = flatten(before);
  const changes: FieldChange[] = [];
  for (const field of new Set([...prev.keys(), ...next.keys()])) {
    const a = prev.get(field);
    const b = next.get(field);
    if (a?.key === b?.key) continue;
    changes.push({ field, before: a?.shown ?? null, after: b?.shown ?? null });
  }
  return changes;
}

export interface HistoryEntry {
  affiliateId: number;
  action: string;
  changes: FieldChange[];
  batchId?: string | null;
}

/** The one writer of affiliate history: every path of change calls it inside its transaction. */
export async function recordHistory(db: Db, ctx: ChangeContext, entries: HistoryEntry[]): Promise<void> {
  const rows = entries
    .filter((e) => e.changes.length > 0)
    .map((e) => ({
      affiliate_id: e.affiliateId,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      source: ctx.source,
      action: e.action,
      batch_id: e.batchId ?? null,
      changes: JSON.stringify(e.changes),
    }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('affiliate_history')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}
