// @internal: a report plan as one SQL statement over the rollups (or the raw tables).
import { type RawBuilder, sql } from 'kysely';
import { type Dimension, ID_DIMENSIONS, type Metric } from '../engine/report-query.ts';
import { isPeriod, type ReportPlan } from '../engine/report-source.ts';
import {
  type Base,
  DIMENSION_COLUMN,
  type FactColumn,
  factPart,
  type Grain,
  MONEY_BASES,
  SOURCES,
} from './fact-parts.ts';
import { basesOf, METRIC_SQL } from './metric-sql.ts';

const RAW_ONLY = new Set<string>(['sub1', 'sub2', 'sub3', 'sub4', 'sub5', 'coupon']);
const HOURLY_ONLY = new Set<string>(['hour', 'country', 'device']);

/**
 * The coarsest grain that answers exactly: sub-ids and coupon codes only the raw rows know;
 * hours, countries, devices, other time zones and bounds inside a day need the hourly rollups;
 * the rest reads the daily ones, whose size does not grow with the traffic.
 */
export function grainOf(plan: ReportPlan): Grain {
  const named = [...plan.groupBy, ...Object.keys(plan.filters)];
  if (named.some((d) => RAW_ONLY.has(d))) return 'raw';
  const wholeDays = plan.from.getTime() % 86_400_000 === 0 && plan.to.getTime() % 86_400_000 === 0;
  if (named.some((d) => HOURLY_ONLY.has(d)) || plan.timezone !== 'UTC' || !wholeDays) return 'hour';
  return 'day';
}

const q = (name: string) => `"${name}"`;

function dimensionExpr(d: Dimension, grain: Grain): string {
  if (isPeriod(d)) return grain === 'day' ? `date_trunc('${d}', f.at)` : `date_trunc('${d}', f.at, tz.zone)`;
  return `f.${DIMENSION_COLUMN[d] as FactColumn}`;
}

const NAME_SOURCE: Record<(typeof ID_DIMENSIONS)[number], [table: string, column: string]> = {
  brand: ['brands', 'name'],
  campaign: ['campaigns', 'name'],
  promo: ['promos', 'title'],
  affiliate: ['affiliates', 'name'],
  plan: ['commission_plans', 'name'],
  traffic_source: ['traffic_sources', 'name'],
  landing: ['destination_links', 'name'],
};
const isIdDimension = (d: Dimension): d is (typeof ID_DIMENSIONS)[number] =>
  (ID_DIMENSIONS as readonly string[]).includes(d);

/** The CTEs up to `r`: one row per group (and currency, unless converting) with its bases summed. */
function groupedRows(plan: ReportPlan, bases: Base[]): RawBuilder<unknown> {
  const grain = grainOf(plan);
  const columns = plan.groupBy.filter((d) => !isPeriod(d)).map((d) => DIMENSION_COLUMN[d] as FactColumn);
  const parts = Object.values(SOURCES)
    .map((s) => factPart(s, grain, plan, columns, bases))
    .filter((p) => p !== null);
  const facts = parts.length
    ? sql.join(parts, sql` union all `)
    : sql`select null::timestamptz as at where false`;
  const dims = plan.groupBy.map(q);
  const dimSelect = plan.groupBy.map((d) => `${dimensionExpr(d, grain)} as ${q(d)}`);
  const sums = bases.map((b) => `sum(f.${b}) as ${b}`);
  const positions = [...plan.groupBy, 'currency'].map((_, i) => i + 1).join(', ');
  const g = sql`g as (select ${sql.raw([...dimSelect, 'f.currency', ...sums].join(', '))}
    from facts f cross join tz group by ${sql.raw(positions)})`;
  const dimList = dims.length ? `${dims.join(', ')}, ` : '';
  const groupBy = dims.length ? dims.join(', ') : '()';
  let r: RawBuilder<unknown>;
  if (plan.conversion) {
    const fx = [...plan.conversion.factors].map(([c, f]) => sql`(${c}::text, ${f}::numeric)`);
    const values = fx.length
      ? sql`values ${sql.join(fx)}`
      : sql`select null::text, null::numeric where false`;
    const converted = bases.map((b) =>
      (MONEY_BASES as readonly string[]).includes(b)
        ? `coalesce(sum(report_round_half_even(g.${b} * fx.factor)), 0) as ${b}`
        : `sum(g.${b}) as ${b}`,
    );
    r = sql`fx (currency, factor) as (${values}),
      r as (select ${sql.raw(dimList)}${plan.conversion.currency}::text as currency, ${sql.raw(converted.join(', '))}
        from g left join fx on fx.currency = g.currency group by ${sql.raw(groupBy)} having count(*) > 0)`;
  } else {
    // A group's currency-less counts (clicks, registrations) join its one currency's row; with
    // several currencies they stay in a row of their own (currency null).
    const window = dims.length ? `partition by ${dims.join(', ')}` : '';
    r = sql`m as (select ${sql.raw(dimList)}coalesce(currency, case when count(currency) over w = 1
          then max(currency) over w end) as currency, ${sql.raw(bases.join(', '))}
        from g window w as (${sql.raw(window)})),
      r as (select ${sql.raw(dimList)}currency, ${sql.raw(bases.map((b) => `sum(${b}) as ${b}`).join(', '))}
        from m group by ${sql.raw(dims.length ? `${dims.join(', ')}, currency` : 'currency')})`;
  }
  return sql`with tz (zone) as (select ${plan.timezone}::text), facts as (${facts}), ${g}, ${r}`;
}

function metricSelect(metrics: readonly Metric[]): string {
  return metrics.map((m) => `${METRIC_SQL[m].expr} as ${q(m)}`).join(', ');
}

function orderBy(plan: ReportPlan): string {
  const keys = plan.sort.map((s) => `x.${q(s.by)} ${s.direction} nulls last`);
  for (const d of [...plan.groupBy, 'currency'])
    if (!plan.sort.some((s) => s.by === d)) keys.push(`x.${q(d)} nulls first`);
  return keys.join(', ');
}

/** The report's rows in order; `limit` / `offset` page it, and each row carries `total_rows`. */
export function rowsQuery(
  plan: ReportPlan,
  page?: { limit: number; offset: number },
): RawBuilder<Record<string, unknown>> {
  const bases = basesOf(plan.metrics);
  const utc = grainOf(plan) === 'day';
  const dims = plan.groupBy.map((d) =>
    utc && isPeriod(d) ? `(r.${q(d)} at time zone 'UTC') as ${q(d)}` : `r.${q(d)}`,
  );
  const names = plan.groupBy.filter(isIdDimension).map((d) => {
    const [table, column] = NAME_SOURCE[d];
    return {
      select: `n_${d}.${column} as ${q(`${d}_name`)}`,
      join: `left join ${table} n_${d} on n_${d}.id = x.${q(d)}`,
    };
  });
  const x = sql`x as (select ${sql.raw([...dims, 'r.currency', metricSelect(plan.metrics)].join(', '))} from r)`;
  return sql`${groupedRows(plan, bases)}, ${x}
    select x.*${sql.raw(names.map((n) => `, ${n.select}`).join(''))}${sql.raw(page ? ', count(*) over () as total_rows' : '')}
    from x ${sql.raw(names.map((n) => n.join).join(' '))}
    order by ${sql.raw(orderBy(plan))}
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`;
}

/**
 * One row per currency (one in all when converting), summed over every group; as in a group,
 * the currency-less counts join the one currency when there is only one.
 */
export function totalsQuery(plan: ReportPlan): RawBuilder<Record<string, unknown>> {
  const bases = basesOf(plan.metrics);
  const sums = bases.map((b) => `sum(${b}) as ${b}`).join(', ');
  return sql`${groupedRows(plan, bases)},
    t as (select currency, ${sql.raw(sums)} from r group by currency),
    u as (select coalesce(currency, case when count(currency) over () = 1 then max(currency) over () end)
      as currency, ${sql.raw(bases.join(', '))} from t),
    v as (select currency, ${sql.raw(sums)} from u group by currency)
    select currency, ${sql.raw(metricSelect(plan.metrics))} from v order by currency nulls first`;
}

/** The currencies the plan's money is in, for the conversion rates. */
export function currenciesQuery(plan: ReportPlan): RawBuilder<{ currency: string }> {
  const money = MONEY_BASES.filter((b) => basesOf(plan.metrics).includes(b));
  const grain = grainOf(plan);
  const parts = Object.values(SOURCES)
    .map((s) => factPart(s, grain, plan, [], money))
    .filter((p) => p !== null);
  if (!parts.length) return sql`select null::text as currency where false`;
  return sql`select distinct currency from (${sql.join(parts, sql` union all `)}) f where currency is not null`;
}
