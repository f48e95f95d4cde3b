import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../../db/index.ts';
import { AppError, type FieldError } from '../../errors.ts';
import {
  METRIC_NAMES,
  METRICS,
  type Metric,
  PERIOD_DIMENSIONS,
  type PeriodDimension,
  type ReportColumn,
  type ReportConversion,
  type ReportQuery,
  ReportQuerySchema,
  type ReportResult,
  type ReportRow,
  type ReportStream,
} from '../engine/report-query.ts';
import { preparedPlan } from '../engine/run-report.ts';
import { reportAttributes } from '../exports/report-attributes.ts';
import { subAffiliatesOf } from './list-sub-affiliates.ts';
import { conversionFactors, earnedRows } from './sub-affiliate-earnings.ts';
import { SubAffiliateSortSchema, sortProblems, sortRows } from './sub-affiliate-sort.ts';

/** What the affiliate earned from its sub-affiliates, beside the sub-affiliates' own figures. */
export const EARNED_COLUMNS = {
  sub_commission_level_1: {
    label: 'Level 1 commission',
    description: 'Sub-affiliate commissions earned from level-1 sub-affiliates (not rejected)',
  },
  sub_commission_level_2: {
    label: 'Level 2 commission',
    description: 'Sub-affiliate commissions earned from level-2 sub-affiliates (not rejected)',
  },
  sub_commission: {
    label: 'Sub-affiliate commission',
    description: 'Both levels: every sub-affiliate commission earned (not rejected)',
  },
} as const;
export type EarnedColumn = keyof typeof EARNED_COLUMNS;
const EARNED_NAMES = Object.keys(EARNED_COLUMNS) as EarnedColumn[];
type SubColumn = Metric | EarnedColumn;

export const SUB_REPORT_DIMENSIONS = ['sub_affiliate', ...PERIOD_DIMENSIONS] as const;
type SubDimension = (typeof SUB_REPORT_DIMENSIONS)[number];

const DEFAULT_SUB_COLUMNS: readonly SubColumn[] = [
  'registrations',
  'ftd_count',
  'ftd_amount',
  'deposit_amount',
  'ngr',
  'total_commission',
  'sub_commission_level_1',
  'sub_commission_level_2',
  'sub_commission',
];

const base = ReportQuerySchema.properties;

export const SubAffiliateReportQuerySchema = Type.Object(
  {
    from: base.from,
    to: base.to,
    timezone: base.timezone,
    group_by: Type.Array(Type.Unsafe<SubDimension>({ type: 'string', enum: [...SUB_REPORT_DIMENSIONS] }), {
      maxItems: 2,
      uniqueItems: true,
      description:
        'sub_affiliate and at most one period, in the order wanted; none: one row (per currency) for all the sub-affiliates',
      examples: [['month', 'sub_affiliate']],
    }),
    columns: Type.Optional(
      Type.Array(Type.Unsafe<SubColumn>({ type: 'string', enum: [...METRIC_NAMES, ...EARNED_NAMES] }), {
        minItems: 1,
        maxItems: METRIC_NAMES.length + EARNED_NAMES.length,
        uniqueItems: true,
        description: `The sub-affiliates' own measurements (as a performance report names them) and what was earned from them (${EARNED_NAMES.join(', ')}), in the order wanted; default ${DEFAULT_SUB_COLUMNS.join(', ')}`,
      }),
    ),
    currency: base.currency,
    rate_date: base.rate_date,
    sort: SubAffiliateSortSchema,
    page: base.page,
    page_size: base.page_size,
  },
  { additionalProperties: false },
);

export type SubAffiliateReportQuery = Static<typeof SubAffiliateReportQuerySchema>;

interface SubReportOptions {
  db: Db;
  /** The affiliate whose sub-affiliates are reported. */
  affiliateId: number;
  /** The affiliate itself reads: measurements its extra permissions do not open are refused. */
  asPartner: boolean;
  /** A limited account manager: the sub-affiliates' own figures only of the affiliates they manage. */
  managerId?: number;
  query: SubAffiliateReportQuery;
}

interface Built {
  columns: ReportColumn[];
  rows: ReportRow[];
  totals: ReportRow[];
  currency_mode: 'native' | 'converted';
  conversion?: ReportConversion;
}

const isEarned = (c: SubColumn): c is EarnedColumn => c in EARNED_COLUMNS;
/** A figure of a group that has none: 0, or null for a ratio (and EPC) without a denominator. */
const emptyOf = (c: SubColumn) => (isEarned(c) || (METRICS[c].kind !== 'ratio' && c !== 'epc') ? 0n : null);

async function checkedColumns(options: SubReportOptions): Promise<SubColumn[]> {
  const { query } = options;
  const problems: FieldError[] = [];
  const periods = query.group_by.filter((d): d is PeriodDimension => d !== 'sub_affiliate');
  if (periods.length > 1)
    problems.push({
      path: 'group_by',
      message: 'may hold one period (hour, day, week, month, quarter or year)',
    });
  let hidden = new Set<SubColumn>();
  if (options.asPartner) {
    const visible = new Set<string>(
      (await reportAttributes({ db: options.db, affiliateId: options.affiliateId })).map((a) => a.name),
    );
    hidden = new Set<SubColumn>(METRIC_NAMES.filter((m) => !visible.has(m)));
    // What it earned from them is the sub-affiliate commission measurement, split by level.
    if (!visible.has('sub_affiliate_commission')) for (const e of EARNED_NAMES) hidden.add(e);
  }
  query.columns?.forEach((c, i) => {
    if (hidden.has(c)) problems.push({ path: `columns[${i}]`, message: `${c} is not available to you` });
  });
  const columns = query.columns ? [...query.columns] : DEFAULT_SUB_COLUMNS.filter((c) => !hidden.has(c));
  const period = periods[0] ?? null;
  const shown = reportColumnsOf(period, query.group_by.includes('sub_affiliate'), columns);
  problems.push(...sortProblems(query.sort, shown));
  if (problems.length) throw AppError.validation(problems);
  return columns;
}

const keyOf = (period: string | null, sub: number | null, currency: string | null) =>
  `${period ?? ''}|${sub ?? ''}|${currency ?? ''}`;

/**
 * The whole report in memory: a program's sub-affiliates are a few hundred at most, so their
 * rows by period stay small. The sub-affiliates' own figures come from the report engine (their
 * rows, as an operator's report filtered to them), what the affiliate earned from each from its
 * sub-affiliate commissions (source_affiliate_id, level) at the time earned, like the engine.
 */
async function buildReport(options: SubReportOptions): Promise<Built> {
  const { db, affiliateId, query } = options;
  const columns = await checkedColumns(options);
  const metrics = columns.filter((c): c is Metric => !isEarned(c));
  const period = query.group_by.find((d): d is PeriodDimension => d !== 'sub_affiliate') ?? null;
  const bySub = query.group_by.includes('sub_affiliate');
  const subs = new Map(
    (
      await sql<{
        id: number;
        name: string;
        level: number;
      }>`select id, name, level from (${subAffiliatesOf(affiliateId)}) s`.execute(db)
    ).rows.map((s) => [s.id, s]),
  );
  const engineQuery: ReportQuery = {
    from: query.from,
    to: query.to,
    ...(query.timezone ? { timezone: query.timezone } : {}),
    group_by: [...(period ? [period] : []), ...(bySub ? (['affiliate'] as const) : [])],
    // No sub-affiliate: an id no affiliate has, so the engine still checks the query and answers nothing.
    filters: { affiliate: subs.size ? [...subs.keys()] : [2_147_483_647] },
    columns: metrics.length ? metrics : ['clicks'],
    ...(query.currency ? { currency: query.currency } : {}),
    ...(query.rate_date ? { rate_date: query.rate_date } : {}),
  };
  const { plan, source, conversion } = await preparedPlan({
    db,
    scope: options.managerId === undefined ? {} : { managerId: options.managerId },
    query: engineQuery,
  });

  const rows = new Map<string, ReportRow>();
  const blank = (p: string | null, sub: number | null, currency: string | null): ReportRow => {
    const row: ReportRow = {};
    if (period) row[period] = p;
    if (bySub) {
      const s = sub === null ? undefined : subs.get(sub);
      row.sub_affiliate = sub;
      row.sub_affiliate_name = s?.name ?? null;
      row.level = s?.level ?? null;
    }
    row.currency = currency;
    for (const c of columns) row[c] = emptyOf(c);
    return row;
  };
  if (metrics.length) {
    for await (const r of source.stream(db, plan)) {
      const p = period ? (r[period] as string | null) : null;
      const sub = bySub ? (r.affiliate as number | null) : null;
      const row = blank(p, sub, r.currency as string | null);
      for (const m of metrics) row[m] = r[m] ?? null;
      rows.set(keyOf(p, sub, row.currency as string | null), row);
    }
  }

  const earned = await earnedRows(db, affiliateId, plan, period);
  const factors = conversion ? await conversionFactors(db, conversion, earned) : null;
  for (const e of earned) {
    const sub = bySub ? e.sub : null;
    const currency = conversion ? conversion.currency : e.currency;
    const amount = factors ? factors(e.currency, e.amount) : e.amount;
    let row = rows.get(keyOf(e.period, sub, currency));
    if (!row) {
      // A group whose only figures are counts has them on a row without currency: the
      // commission joins that row, as the engine joins a group's counts to its one currency.
      const countsOnly = rows.get(keyOf(e.period, sub, null));
      if (countsOnly && !conversion) {
        rows.delete(keyOf(e.period, sub, null));
        countsOnly.currency = currency;
        row = countsOnly;
      } else row = blank(e.period, sub, currency);
      rows.set(keyOf(e.period, sub, currency), row);
    }
    const add = (c: EarnedColumn) => {
      if (columns.includes(c)) row[c] = (row[c] as bigint) + amount;
    };
    add(e.level === 1 ? 'sub_commission_level_1' : 'sub_commission_level_2');
    add('sub_commission');
  }

  const shown = reportColumnsOf(period, bySub, columns);
  const sorted = sortRows([...rows.values()], query.sort, shown, [
    ...(period ? [period] : []),
    ...(bySub ? ['sub_affiliate'] : []),
    'currency',
  ]);
  return {
    columns: shown,
    rows: sorted,
    totals: totalsOf(sorted, columns, metrics.length ? await source.totals(db, plan) : []),
    currency_mode: conversion ? 'converted' : 'native',
    ...(conversion ? { conversion: { ...conversion, rates: [...conversion.rates] } } : {}),
  };
}

function compare(a: ReportRow[string] | undefined, b: ReportRow[string] | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
}

function reportColumnsOf(
  period: PeriodDimension | null,
  bySub: boolean,
  columns: SubColumn[],
): ReportColumn[] {
  const out: ReportColumn[] = [];
  if (period)
    out.push({ key: period, kind: 'dimension', label: period.charAt(0).toUpperCase() + period.slice(1) });
  if (bySub)
    out.push(
      { key: 'sub_affiliate', kind: 'dimension', label: 'Sub-affiliate' },
      { key: 'sub_affiliate_name', kind: 'dimension', label: 'Sub-affiliate name' },
      { key: 'level', kind: 'dimension', label: 'Level' },
    );
  out.push({ key: 'currency', kind: 'currency', label: 'Currency' });
  for (const c of columns)
    out.push(
      isEarned(c)
        ? { key: c, kind: 'money', label: EARNED_COLUMNS[c].label }
        : { key: c, kind: METRICS[c].kind, label: METRICS[c].label },
    );
  return out;
}

/**
 * Totals per currency: the engine's totals of the sub-affiliates' own figures (ratios and EPC
 * need its sums, not the rows'), and the earned columns summed over the rows; counts-only totals
 * take the currency of the earnings when there is one, as the rows do.
 */
function totalsOf(rows: ReportRow[], columns: SubColumn[], engineTotals: ReportRow[]): ReportRow[] {
  const earnedCols = columns.filter(isEarned);
  const earned = new Map<string, ReportRow>();
  for (const r of rows) {
    if (!earnedCols.some((c) => r[c] !== 0n)) continue;
    const currency = r.currency as string;
    const t = earned.get(currency) ?? Object.fromEntries(earnedCols.map((c) => [c, 0n]));
    for (const c of earnedCols) t[c] = (t[c] as bigint) + (r[c] as bigint);
    earned.set(currency, t);
  }
  const out = new Map<string | null, ReportRow>();
  for (const e of engineTotals) {
    const t: ReportRow = { currency: e.currency ?? null };
    for (const c of columns) t[c] = isEarned(c) ? 0n : (e[c] ?? null);
    out.set(t.currency as string | null, t);
  }
  const countsOnly = out.size === 1 ? out.get(null) : undefined;
  if (countsOnly && earned.size === 1) {
    out.delete(null);
    countsOnly.currency = [...earned.keys()][0]!;
    out.set(countsOnly.currency, countsOnly);
  }
  for (const [currency, sums] of earned) {
    let t = out.get(currency);
    if (!t) {
      t = { currency };
      for (const c of columns) t[c] = emptyOf(c);
      out.set(currency, t);
    }
    Object.assign(t, sums);
  }
  return [...out.values()].sort((a, b) => compare(a.currency, b.currency));
}

/**
 * A page of the report of an affiliate's sub-affiliates (both levels): their own figures, the
 * level of each and what the affiliate earned from them, by sub-affiliate and/or period, with
 * totals, natively or converted into one currency like a performance report.
 */
export async function subAffiliateReport(options: SubReportOptions): Promise<ReportResult> {
  const built = await buildReport(options);
  const page = options.query.page ?? 1;
  const pageSize = options.query.page_size ?? 100;
  return {
    ...built,
    rows: built.rows.slice((page - 1) * pageSize, page * pageSize),
    page,
    page_size: pageSize,
    total_rows: built.rows.length,
  };
}

/** Every row, for the exports (the same formats as a performance report's). */
export async function streamSubAffiliateReport(options: SubReportOptions): Promise<ReportStream> {
  const built = await buildReport(options);
  async function* rows() {
    yield* built.rows;
  }
  return {
    columns: built.columns,
    rows: rows(),
    totals: async () => built.totals,
    currency_mode: built.currency_mode,
    ...(built.conversion ? { conversion: built.conversion } : {}),
  };
}
