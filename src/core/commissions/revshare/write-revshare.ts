// @internal: writing a period's RevShare rows (first rows and adjustments) and its settlements.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { formatWithUnit } from '../../reference/money-format.ts';
import type { Period, PeriodComputation } from './compute-period.ts';
import type { FinalizeResult } from './finalize-revshare.ts';
import type { Kind, Target } from './revshare-targets.ts';

/** JSON with bigints as their digits (traces hold minor units as bigint). */
const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Records as one text parameter, a JSON object a line (JSON.stringify never writes a raw
 * newline), each line parsed on its own: PostgreSQL parses one 20 MB JSON document (the
 * traces of 10,000 RevShare results) an order of magnitude slower than 10,000 small ones.
 * Rows come out in the records' order (ids are given in that order).
 */
const rowsOf = (records: Record<string, unknown>[]) =>
  sql`string_to_table(${records.map((r) => JSON.stringify(r, bigints)).join('\n')}::text, E'\\n') as line,
    jsonb_to_record(line::jsonb)`;

const COLUMNS = `brand_id integer, affiliate_id integer, currency text, amount bigint, kind text, status text,
  initial_status text, plan_id integer, plan_version_id integer, source_affiliate_id integer, level smallint,
  source_commission_id bigint, period_start date, period_end date, earned_at timestamptz, source_key text,
  trace jsonb, explanation text, actor_type text, actor_id integer, actor_name text`;
const NAMES = COLUMNS.split(',')
  .map((c) => c.trim().split(' ')[0])
  .join(', ');
/** The columns as inserted: a cut's source is its RevShare's first row, by key when not known here. */
const INSERTED = NAMES.replace(
  'source_commission_id',
  'coalesce(source_commission_id, (select c.id from commissions c where c.source_key = x.from_key))',
);
/** Commissions a statement. */
const CHUNK = 2000;

/**
 * Writes what differs from the rows already there: a first row per key, or an adjustment row
 * (`<key>#<n>`) for the difference. A key that had rows and is no longer a result (its
 * customers moved away) is adjusted to 0. Cuts are written after the RevShare they derive from,
 * and built (`cuts`) once the RevShare rows are on their way to the database.
 */
export async function writeTargets(
  trx: Transaction<DB>,
  scope: { period: Period; brandId?: number; affiliateIds?: number[]; actor: Actor },
  targets: { revshare: Target[]; cuts: () => Target[] },
  now: Date,
): Promise<Pick<FinalizeResult, 'written' | 'adjustments' | 'unchanged'>> {
  const { period } = scope;
  const existing = await sql<{
    id: bigint;
    source_key: string;
    amount: bigint;
    kind: Kind;
    brand_id: number;
    affiliate_id: number;
    currency: string;
    plan_id: number | null;
    plan_version_id: number | null;
    source_affiliate_id: number | null;
    level: 1 | 2 | null;
    minor_unit: number;
  }>`select id, source_key, amount, kind, brand_id, affiliate_id, currency, plan_id, plan_version_id,
      source_affiliate_id, level, cu.minor_unit
    from commissions left join currencies cu on cu.code = commissions.currency
    where kind in ('revshare', 'sub_revshare', 'sub_net_pl')
      and period_start = ${period.start}::date and period_end = ${period.end}::date
      ${scope.brandId !== undefined ? sql`and brand_id = ${scope.brandId}` : sql``}
      ${
        scope.affiliateIds
          ? sql`and coalesce(source_affiliate_id, affiliate_id) = any(${scope.affiliateIds}::int[])`
          : sql``
      }
    order by id`.execute(trx);
  const before = new Map<string, { first: bigint; sum: bigint; rows: number }>();
  const orphans = new Map<string, Target>();
  for (const row of existing.rows) {
    const base = row.source_key.split('#')[0] as string;
    const seen = before.get(base);
    if (seen) {
      seen.sum += BigInt(row.amount);
      seen.rows++;
    } else {
      before.set(base, { first: BigInt(row.id), sum: BigInt(row.amount), rows: 1 });
      orphans.set(base, {
        ...row,
        key: base,
        amount: 0n,
        from_key: null,
        trace: {
          kind: row.kind,
          period,
          reason: 'no result any more: its customers moved or were taken back',
        },
        explanation: `No ${row.kind.replace('_', ' ')} result any more for ${period.start} to ${period.end}.`,
      });
    }
  }
  // The targets of one kind (RevShare, or cuts) and the rows of that kind no longer a result.
  const withOrphans = (group: Target[], revshare: boolean) => {
    const keys = new Set(group.map((t) => t.key));
    return [
      ...group,
      ...[...orphans.values()].filter((o) => (o.kind === 'revshare') === revshare && !keys.has(o.key)),
    ];
  };
  const firstIds = new Map([...before].map(([k, v]) => [k, v.first]));
  let written = 0;
  let adjustments = 0;
  let unchanged = 0;
  // Written in chunks, each sent as soon as it is built: the database inserts one while the next
  // is built and serialized here. A cut's RevShare written by this call is found by its key in
  // the statement (it was inserted by an earlier one), so no chunk waits for another's answer.
  const sent: Promise<unknown>[] = [];
  const send = (records: Record<string, unknown>[]) => {
    const done = sql`
      insert into commissions (${sql.raw(NAMES)})
      select ${sql.raw(INSERTED)} from ${rowsOf(records)} as x(${sql.raw(COLUMNS)}, from_key text)
      on conflict (source_key) do nothing`.execute(trx);
    done.catch(() => {}); // answered below, with the others
    sent.push(done);
  };
  for (const revshare of [true, false]) {
    const group = withOrphans(revshare ? targets.revshare : targets.cuts(), revshare);
    let records: Record<string, unknown>[] = [];
    for (const t of group) {
      const had = before.get(t.key);
      if (had && had.sum === t.amount) {
        unchanged++;
        continue;
      }
      if (!had && t.amount === 0n && t.kind !== 'revshare') continue;
      const delta = t.amount - (had?.sum ?? 0n);
      const adjusting = had !== undefined;
      if (adjusting) adjustments++;
      else written++;
      const source = adjusting ? had.first : t.from_key ? firstIds.get(t.from_key) : undefined;
      records.push({
        brand_id: t.brand_id,
        affiliate_id: t.affiliate_id,
        currency: t.currency,
        amount: delta.toString(),
        kind: t.kind,
        status: 'approved',
        initial_status: 'approved',
        plan_id: t.plan_id,
        plan_version_id: t.plan_version_id,
        source_affiliate_id: t.source_affiliate_id,
        level: t.level,
        source_commission_id: source?.toString() ?? null,
        from_key: source === undefined ? t.from_key : null,
        period_start: period.start,
        period_end: period.end,
        earned_at: adjusting ? now.toISOString() : `${period.end}T23:59:59.999Z`,
        source_key: adjusting ? `${t.key}#${had.rows}` : t.key,
        trace: adjusting
          ? {
              ...t.trace,
              adjustment: {
                previous_total: had.sum.toString(),
                new_total: t.amount.toString(),
                delta: delta.toString(),
              },
            }
          : t.trace,
        explanation: adjusting
          ? `Adjustment of ${delta > 0n ? '+' : ''}${formatWithUnit(delta, t.currency, t.minor_unit)}: the result is now ${formatWithUnit(t.amount, t.currency, t.minor_unit)} (was ${formatWithUnit(had.sum, t.currency, t.minor_unit)}). ${t.explanation}`
          : t.explanation,
        ...actorColumns(scope.actor),
      });
      if (records.length === CHUNK) {
        send(records);
        records = [];
        await new Promise((resolve) => setImmediate(resolve)); // lets the chunk go out
      }
    }
    if (records.length) send(records);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const failed = (await Promise.allSettled(sent)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { written, adjustments, unchanged };
}

/**
 * The period's results as the next period's carry-in reads them (a projection): written when
 * new or changed, removed when the result is no more.
 */
export async function saveSettlements(
  trx: Transaction<DB>,
  c: PeriodComputation,
  scope: { brandId?: number; affiliateIds?: number[] },
): Promise<void> {
  const records = c.streams.map((s) => ({
    affiliate_id: s.affiliate_id,
    brand_id: s.brand_id,
    plan_id: s.plan.id,
    plan_version_id: s.version.id,
    currency: s.currency,
    period_start: c.period.start,
    period_end: c.period.end,
    basis_amount: s.result.basis_amount,
    net_pl: s.result.net_pl,
    raw: s.result.carry.raw,
    carry_in: s.result.carry.carry_in,
    carry_out: s.result.carry.carry_out,
    amount: s.result.carry.amount,
  }));
  const columns = `affiliate_id integer, brand_id integer, plan_id integer, plan_version_id integer, currency text,
    period_start date, period_end date, basis_amount numeric, net_pl bigint, raw bigint, carry_in bigint,
    carry_out bigint, amount bigint`;
  const names = columns
    .split(',')
    .map((x) => x.trim().split(' ')[0])
    .join(', ');
  const changing = [
    'brand_id',
    'period_end',
    'basis_amount',
    'net_pl',
    'raw',
    'carry_in',
    'carry_out',
    'amount',
  ];
  await sql`
    with incoming as (
      select ${sql.raw(names)} from ${rowsOf(records)} as x(${sql.raw(columns)})),
    removed as (
      delete from revshare_settlements s
      where s.period_start = ${c.period.start}::date and s.period_end = ${c.period.end}::date
        ${scope.brandId !== undefined ? sql`and s.brand_id = ${scope.brandId}` : sql``}
        ${scope.affiliateIds ? sql`and s.affiliate_id = any(${scope.affiliateIds}::int[])` : sql``}
        -- NOT IN (none of these columns is null) is a hashed subplan whatever the estimates: as NOT
        -- EXISTS, stale statistics made it a nested loop, 10,000 x 10,000 rows (66 s).
        and (s.affiliate_id, s.plan_id, s.currency, s.plan_version_id) not in
          (select i.affiliate_id, i.plan_id, i.currency, i.plan_version_id from incoming i))
    insert into revshare_settlements (${sql.raw(names)})
    select ${sql.raw(names)} from incoming
    on conflict (affiliate_id, plan_id, currency, period_start, plan_version_id) do update set
      ${sql.raw(changing.map((k) => `${k} = excluded.${k}`).join(', '))}, updated_at = now()
    where (${sql.raw(changing.map((k) => `revshare_settlements.${k}`).join(', '))})
      is distinct from (${sql.raw(changing.map((k) => `excluded.${k}`).join(', '))})`.execute(trx);
}
