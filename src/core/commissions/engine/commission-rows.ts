// @internal: writing the engine's commissions and wording their amounts.
import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueApprovedCommissionPostbacks } from '../../postbacks/queue-approved-commission-postbacks.ts';
import { queueWebhookEvents } from '../../webhooks/queue-webhook-event.ts';
import type { NewCommission } from './engine-types.ts';
import { allocateCommissionIds } from './plan-lookup.ts';

/** Minor units in words: 3000 with 2 decimals is "30.00". */
export const money = (minor: bigint | number, minorUnit: number): string =>
  new Decimal(minor.toString()).div(10 ** minorUnit).toFixed(minorUnit);

/** A percentage of an amount in minor units, rounded half up to a whole minor unit. */
export function percentOf(amount: bigint, percent: string): bigint {
  return BigInt(
    new Decimal(amount.toString()).mul(percent).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
  );
}

export const DAY_MS = 86_400_000;

/** 1st, 2nd, 3rd, 11th, 21st ... */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The status a new commission starts in: on hold while its customer is held by a fraud rule,
 * pending until its hold period ends, else approved.
 */
export function initialStatus(c: NewCommission, now: Date): 'pending' | 'on_hold' | 'approved' {
  if (c.held) return 'on_hold';
  if (c.hold_until && c.hold_until > now) return 'pending';
  return 'approved';
}

const COLUMNS = `id bigint, brand_id integer, affiliate_id integer, currency text, amount bigint, kind text,
  status text, initial_status text, plan_id integer, plan_version_id integer, customer_id bigint, event_id bigint,
  campaign_id integer, promo_id integer, source_affiliate_id integer, level smallint, source_commission_id bigint,
  reverses_id bigint, earned_at timestamptz, hold_until timestamptz, source_key text, trace jsonb,
  explanation text, actor_type text, actor_id integer, actor_name text`;
const NAMES = COLUMNS.split(',')
  .map((c) => c.trim().split(/\s+/)[0])
  .join(', ');

const idOf = (ref: bigint | NewCommission | null): string | null =>
  ref === null ? null : typeof ref === 'bigint' ? ref.toString() : (ref.id as bigint).toString();

/**
 * Writes the run's commissions in one statement (one JSON parameter, as the event batch is
 * written). A source_key written before is skipped: the engine run twice writes each once.
 * Returns how many were written.
 */
export async function insertCommissions(
  db: Db,
  rows: NewCommission[],
  options: { actor: Actor; now: Date; jobs?: JobQueue },
): Promise<number> {
  if (!rows.length) return 0;
  const ids = await allocateCommissionIds(db, rows.length);
  rows.forEach((r, i) => {
    r.id = ids[i];
  });
  const actor = actorColumns(options.actor);
  const records = rows.map((r) => {
    const status = initialStatus(r, options.now);
    return {
      id: (r.id as bigint).toString(),
      brand_id: r.brand_id,
      affiliate_id: r.affiliate_id,
      currency: r.currency,
      amount: r.amount.toString(),
      kind: r.kind,
      status,
      initial_status: status,
      plan_id: r.plan_id,
      plan_version_id: r.plan_version_id,
      customer_id: r.customer_id?.toString() ?? null,
      event_id: r.event_id?.toString() ?? null,
      campaign_id: r.campaign_id,
      promo_id: r.promo_id,
      source_affiliate_id: r.source_affiliate_id,
      level: r.level,
      source_commission_id: idOf(r.source),
      reverses_id: idOf(r.reverses),
      earned_at: r.earned_at.toISOString(),
      hold_until: r.hold_until?.toISOString() ?? null,
      source_key: r.source_key,
      trace: r.trace,
      explanation: r.explanation,
      ...actor,
    };
  });
  const { rows: written } = await sql`insert into commissions (${sql.raw(NAMES)})
    select ${sql.raw(NAMES)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(COLUMNS)})
    order by id
    on conflict (source_key) do nothing returning id`.execute(db);
  // In the same transaction: the operator's commission.created webhooks and the postbacks of
  // those approved at once (no hold period).
  const writtenIds = new Set(written.map((w) => String((w as { id: bigint }).id)));
  const made = records.filter((r) => writtenIds.has(r.id));
  const { jobs, now } = options;
  await queueWebhookEvents({
    db,
    jobs,
    now,
    type: 'commission.created',
    payloads: made.map(commissionPayload),
  });
  const approved = made.filter((r) => r.status === 'approved').map((r) => BigInt(r.id));
  await queueApprovedCommissionPostbacks({ db, jobs, now, ids: approved });
  return written.length;
}

/** The commission.created webhook's data: amounts in minor units with their currency. */
const commissionPayload = (r: Record<string, unknown>) => ({
  id: r.id,
  affiliate_id: r.affiliate_id,
  brand_id: r.brand_id,
  kind: r.kind,
  status: r.status,
  amount: r.amount,
  currency: r.currency,
  plan_id: r.plan_id,
  campaign_id: r.campaign_id,
  promo_id: r.promo_id,
  customer_id: r.customer_id,
  event_id: r.event_id,
  earned_at: r.earned_at,
  hold_until: r.hold_until,
});
