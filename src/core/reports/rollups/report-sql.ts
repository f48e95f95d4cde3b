// @internal: a report plan as one SQL statement over the rollups (or the raw tables).
import { type RawBuilder, sql } from 'kysely';
import { Dec } from '../../reference/decimal.ts';
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
  // At the day grain every part's time is its UTC day already (fact-parts.ts).
  if (d === 'day' && grain === 'day') return 'f.at';
  if (isPeriod(d)) return grain === 'day' ? `date_trunc('${d}', f.at)` : `date_trunc('${d}', f.at, tz.zone)`;
  return `f.${DIMENSION_COLUMN[d] as FactColumn}`;
}

/** The catalog table and column that name each id dimension (both report sources). */
export const NAME_SOURCE: Record<(typeof ID_DIMENSIONS)[number], [table: string, column: string]> = {
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

/**
 * Sums of bigint columns as bigint (report_sum, migration 0061): the built-in sum returns numeric
 * and keeps a numeric state per group, which made grouping tens of thousands of groups slow.
 */
const total = (expr: string) => `report_sum(${expr})`;

/**
 * A money sum of a group-and-currency row in the target currency: rounded half to even once, as
 * applyRate does; a currency at factor 1 (the target itself) is taken as it is, without numeric
 * arithmetic. A currency without a factor (the currency-less counts' rows) adds nothing.
 */
function converted(column: string, factors: Map<string, string>): RawBuilder<unknown> {
  const arms = [...factors].map(([currency, factor]) =>
    new Dec(factor).eq(1)
      ? sql`when ${currency}::text then ${sql.raw(column)}`
      : sql`when ${currency}::text then ${roundedProduct(column, factor)}`,
  );
  return arms.length ? sql`case g.currency ${sql.join(arms, sql` `)} end` : sql`null::bigint`;
}

const INT8_MAX = 9223372036854775807n;

/**
 * `column` (a bigint sum in one currency, or null) times `factor`, rounded half to even once, as
 * report_round_half_even does on numeric, without numeric arithmetic while the product fits a
 * bigint: factor = n / 10^k, so the sum times n divided by 10^k with the remainder deciding the
 * rounding (ties to the even quotient). Sums too large for that take the numeric path, so the
 * answer is the same for every sum.
 */
function roundedProduct(column: string, factor: string): RawBuilder<unknown> {
  const numeric = sql`report_round_half_even(${sql.raw(column)} * ${factor}::numeric)::bigint`;
  const text = new Dec(factor).toFixed();
  const [whole, fraction = ''] = text.split('.');
  const n = BigInt(`${whole}${fraction}`);
  const k = fraction.length;
  if (n <= 0n || n > INT8_MAX || k > 18) return numeric;
  const limit = INT8_MAX / n;
  const x = column;
  const p = `(${x} * ${n})`;
  if (k === 0)
    return sql`case when ${sql.raw(x)} between ${sql.raw(`-${limit} and ${limit}`)} then ${sql.raw(p)} else ${numeric} end`;
  const d = 10n ** BigInt(k);
  const q = `(${p} / ${d})`;
  const r2 = `(abs(${p} % ${d}) * 2)`;
  const int = `${q} + case when ${r2} > ${d} or (${r2} = ${d} and ${q} % 2 <> 0)
    then case when ${x} < 0 then -1 else 1 end else 0 end`;
  return sql`case when ${sql.raw(x)} between ${sql.raw(`-${limit} and ${limit}`)} then ${sql.raw(int)} else ${numeric} end`;
}

/**
 * A converted grouping in one pass: per group, each money base summed per currency of factor
 * other than 1 (a column each, `filter`), the target currency's money and the counts summed
 * straight; then each per-currency sum rounded once and added up. Null when that would take too
 * many columns (many currencies): the caller groups per group and currency first instead.
 */
function pivotedRows(
  plan: ReportPlan,
  bases: Base[],
  dimSelect: string[],
  isMoney: (b: Base) => boolean,
): RawBuilder<unknown> | null {
  const { factors, currency } = plan.conversion!;
  const unit = [...factors].filter(([, f]) => new Dec(f).eq(1)).map(([c]) => c);
  const others = [...factors].filter(([, f]) => !new Dec(f).eq(1));
  const money = bases.filter(isMoney);
  if (others.length * money.length > 48) return null;
  const sums: RawBuilder<unknown>[] = [];
  const values: RawBuilder<unknown>[] = [];
  for (const b of bases) {
    const f = `f.${b}::bigint`;
    if (!isMoney(b)) {
      sums.push(sql.raw(`${total(f)} as ${b}`));
      values.push(sql.raw(`s.${b}`));
      continue;
    }
    const parts: RawBuilder<unknown>[] = [];
    if (unit.length) {
      sums.push(
        sql`${sql.raw(total(f))} filter (where f.currency = any(${unit}::text[])) as ${sql.raw(`${b}__u`)}`,
      );
      parts.push(sql.raw(`coalesce(s.${b}__u, 0)`));
    }
    others.forEach(([code, factor], i) => {
      sums.push(
        sql`${sql.raw(total(f))} filter (where f.currency = ${code}::text) as ${sql.raw(`${b}__${i}`)}`,
      );
      parts.push(sql`coalesce(${roundedProduct(`s.${b}__${i}`, factor)}, 0)`);
    });
    values.push(sql`${parts.length ? sql.join(parts, sql` + `) : sql`0::bigint`} as ${sql.raw(b)}`);
  }
  const dims = plan.groupBy.map(q);
  const grouping = dims.length
    ? `group by ${dims.map((_, i) => i + 1).join(', ')}`
    : // One group of everything, and none at all without a fact.
      'having count(*) > 0';
  const select = [...dimSelect.map((d) => sql.raw(d)), ...sums];
  return sql`s as (select ${sql.join(select)} from facts f cross join tz ${sql.raw(grouping)}),
    r as (select ${sql.raw(dims.map((d) => `s.${d}, `).join(''))}${currency}::text as currency, ${sql.join(values)} from s)`;
}

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
  const sums = bases.map((b) => `${total(`f.${b}::bigint`)} as ${b}`);
  const positions = [...plan.groupBy, 'currency'].map((_, i) => i + 1).join(', ');
  const g = sql`g as (select ${sql.raw([...dimSelect, 'f.currency', ...sums].join(', '))}
    from facts f cross join tz group by ${sql.raw(positions)})`;
  const dimList = dims.length ? `${dims.join(', ')}, ` : '';
  const groupBy = dims.length ? dims.join(', ') : '()';
  let r: RawBuilder<unknown>;
  if (plan.conversion) {
    const { factors } = plan.conversion;
    const isMoney = (b: Base) => (MONEY_BASES as readonly string[]).includes(b);
    const pivoted = pivotedRows(plan, bases, dimSelect, isMoney);
    if (pivoted)
      return sql`with tz (zone) as (select ${plan.timezone}::text), facts as not materialized (${facts}), ${pivoted}`;
    // Only money in a currency of factor other than 1 is rounded per group and currency, so only
    // those facts are grouped twice; the rest (counts, the target currency's money) are summed
    // straight into their groups in one pass. Money without a currency adds nothing, as a
    // currency without a factor does. (Not `<> all`: over no factor of 1 it is true for null.)
    const unit = [...factors].filter(([, f]) => new Dec(f).eq(1)).map(([c]) => c);
    const rounded = sql`g as (select ${sql.raw([...dimSelect, 'f.currency', ...sums].join(', '))}
      from facts f cross join tz where f.currency is not null
        and not f.currency = any(${unit}::text[]) group by ${sql.raw(positions)})`;
    const straight = bases.map((b) =>
      isMoney(b)
        ? `case when f.currency is not null then f.${b}::bigint end as ${b}`
        : `f.${b}::bigint as ${b}`,
    );
    const fromRounded = bases.map((b) =>
      isMoney(b) ? sql`${converted(`g.${b}`, factors)} as ${sql.raw(b)}` : sql.raw(`g.${b}`),
    );
    const sumsOf = bases.map((b) =>
      isMoney(b) ? `coalesce(${total(b)}, 0) as ${b}` : `${total(b)} as ${b}`,
    );
    const gDims = plan.groupBy.map((d) => `g.${q(d)}`);
    r = sql`${rounded}, r as (select ${sql.raw(dimList)}${plan.conversion.currency}::text as currency,
        ${sql.raw(sumsOf.join(', '))}
        from (select ${sql.raw([...dimSelect, ...straight].join(', '))}
            from facts f cross join tz where f.currency is null or f.currency = any(${unit}::text[])
          union all
          select ${sql.raw(gDims.length ? `${gDims.join(', ')}, ` : '')}${sql.join(fromRounded)} from g) u
        group by ${sql.raw(groupBy)} having count(*) > 0)`;
    return sql`with tz (zone) as (select ${plan.timezone}::text), facts as not materialized (${facts}), ${r}`;
  } else {
    // A group's currency-less counts (clicks, registrations) join its one currency's row; with
    // several currencies they stay in a row of their own (currency null).
    const window = dims.length ? `partition by ${dims.join(', ')}` : '';
    r = sql`m as (select ${sql.raw(dimList)}coalesce(currency, case when count(currency) over w = 1
          then max(currency) over w end) as currency, ${sql.raw(bases.join(', '))}
        from g window w as (${sql.raw(window)})),
      r as (select ${sql.raw(dimList)}currency, ${sql.raw(bases.map((b) => `${total(b)} as ${b}`).join(', '))}
        from m group by ${sql.raw(dims.length ? `${dims.join(', ')}, currency` : 'currency')})`;
  }
  return sql`with tz (zone) as (select ${plan.timezone}::text), facts as (${facts}), ${g}, ${r}`;
}

function metricSelect(metrics: readonly Metric[]): string {
  return metrics.map((m) => `${METRIC_SQL[m].expr} as ${q(m)}`).join(', ');
}

function orderBy(plan: ReportPlan, alias: string): string {
  const keys = plan.sort.map((s) => `${alias}.${q(s.by)} ${s.direction} nulls last`);
  for (const d of [...plan.groupBy, 'currency'])
    if (!plan.sort.some((s) => s.by === d)) keys.push(`${alias}.${q(d)} nulls first`);
  return keys.join(', ');
}

/** `x`: the rows of `from` with their metrics (periods of the daily rollups as UTC instants). */
function metricRows(plan: ReportPlan, from = 'r'): RawBuilder<unknown> {
  const utc = grainOf(plan) === 'day';
  const dims = plan.groupBy.map((d) =>
    utc && isPeriod(d) ? `(r.${q(d)} at time zone 'UTC') as ${q(d)}` : `r.${q(d)}`,
  );
  return sql`x as (select ${sql.raw([...dims, 'r.currency', metricSelect(plan.metrics)].join(', '))} from ${sql.raw(from)} r)`;
}

/** The `<dimension>_name` columns of the id dimensions, joined on the rows of `alias`. */
function names(plan: ReportPlan, alias: string) {
  return plan.groupBy.filter(isIdDimension).map((d) => {
    const [table, column] = NAME_SOURCE[d];
    return {
      select: `n_${d}.${column} as ${q(`${d}_name`)}`,
      join: `left join ${table} n_${d} on n_${d}.id = ${alias}.${q(d)}`,
    };
  });
}

/**
 * The totals over `r`: one row per currency (one in all when converting), summed over every
 * group; as in a group, the currency-less counts join the one currency when there is only one.
 * Converted, every group is in the target currency: one plain aggregate, which also counts the
 * groups (`n`), and none over no group.
 */
function totalsCtes(plan: ReportPlan, bases: Base[]): RawBuilder<unknown> {
  const sums = bases.map((b) => `${total(b)} as ${b}`).join(', ');
  if (plan.conversion)
    return sql`v as (select min(currency) as currency, ${sql.raw(sums)}, count(*) as n from r having count(*) > 0)`;
  return sql`t as (select currency, ${sql.raw(sums)} from r group by currency),
    u as (select coalesce(currency, case when count(currency) over () = 1 then max(currency) over () end)
      as currency, ${sql.raw(bases.join(', '))} from t),
    v as (select currency, ${sql.raw(sums)} from u group by currency)`;
}

/** Every row of the report in order (for streams). */
export function rowsQuery(plan: ReportPlan): RawBuilder<Record<string, unknown>> {
  const joined = names(plan, 'x');
  return sql`${groupedRows(plan, basesOf(plan.metrics))}, ${metricRows(plan)}
    select x.*${sql.raw(joined.map((n) => `, ${n.select}`).join(''))}
    from x ${sql.raw(joined.map((n) => n.join).join(' '))}
    order by ${sql.raw(orderBy(plan, 'x'))}`;
}

/**
 * One page of rows, the totals and the number of rows, from one grouping of the facts (`r`,
 * materialized since three parts read it): the rows (`is_total` false) in order, then the totals
 * rows (true) in currency order, each carrying `total_rows`. Names are joined to the page only.
 */
export function pageQuery(
  plan: ReportPlan,
  page: { limit: number; offset: number },
): RawBuilder<Record<string, unknown>> {
  const bases = basesOf(plan.metrics);
  const joined = names(plan, 'p');
  const dimNulls = plan.groupBy.map(() => 'null');
  const nameNulls = joined.map(() => 'null');
  // Sorted by dimensions and currency only, the page is cut from the grouped rows before any
  // metric is worked out, so tens of thousands of rows are not projected to show a hundred
  // (a UTC period orders as its instant does).
  const byGroups = plan.sort.every((s) => s.by === 'currency' || (plan.groupBy as string[]).includes(s.by));
  const cut = byGroups
    ? sql`c as (select * from r order by ${sql.raw(orderBy(plan, 'r'))} limit ${page.limit} offset ${page.offset}),
      ${metricRows(plan, 'c')}, p as (select x.* from x)`
    : sql`${metricRows(plan)},
      p as (select x.* from x order by ${sql.raw(orderBy(plan, 'x'))} limit ${page.limit} offset ${page.offset})`;
  return sql`${groupedRows(plan, bases)}, ${cut},
    ${totalsCtes(plan, bases)}
    select * from (
      select false as is_total, p.*${sql.raw(joined.map((n) => `, ${n.select}`).join(''))},
        row_number() over (order by ${sql.raw(orderBy(plan, 'p'))}) as ord, null::bigint as total_rows
      from p ${sql.raw(joined.map((n) => n.join).join(' '))}
      union all
      select true, ${sql.raw([...dimNulls, 'currency', metricSelect(plan.metrics), ...nameNulls].join(', '))},
        row_number() over (order by currency nulls first), ${sql.raw(plan.conversion ? 'v.n' : '(select count(*) from r)')}
      from v
    ) a order by is_total, ord`;
}

/** The totals rows alone (for streams, whose rows come from a cursor). */
export function totalsQuery(plan: ReportPlan): RawBuilder<Record<string, unknown>> {
  const bases = basesOf(plan.metrics);
  return sql`${groupedRows(plan, bases)}, ${totalsCtes(plan, bases)}
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
