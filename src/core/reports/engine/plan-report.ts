// @internal: a ReportQuery checked and worked out into the plan a source runs.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { isExtraPermission } from '../../affiliates/extra-permissions.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { isIsoDate } from '../../reference/dates.ts';
import {
  DEFAULT_COLUMNS,
  type Dimension,
  METRICS,
  type Metric,
  type ReportFilters,
  type ReportQuery,
  type ReportScope,
} from './report-query.ts';
import type { ReportPlan } from './report-source.ts';

const HOUR = 3_600_000;

/** Metrics the affiliate may not see: those needing an extra permission it was not given. */
export async function hiddenMetrics(db: Db, affiliateId: number): Promise<Set<Metric>> {
  const row = await db
    .selectFrom('affiliates')
    .select('extra_permissions')
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  const granted = new Set((row?.extra_permissions ?? []).filter(isExtraPermission));
  const hidden = new Set<Metric>();
  for (const [metric, def] of Object.entries(METRICS) as [Metric, (typeof METRICS)[Metric]][])
    if (def.permission && !granted.has(def.permission)) hidden.add(metric);
  return hidden;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A bound as an instant: a date is midnight in the zone, a timestamp must be a whole hour. */
async function bound(db: Db, value: string, zone: string, path: string, problems: FieldError[]) {
  if (isIsoDate(value)) {
    const { rows } = await sql<{
      at: Date;
    }>`select (${value}::date::timestamp at time zone ${zone}) as at`.execute(db);
    const at = rows[0]!.at;
    if (at.getTime() % HOUR !== 0)
      problems.push({ path: 'timezone', message: 'must be a time zone whose offset is whole hours' });
    return at;
  }
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) {
    problems.push({ path, message: 'must be a date (YYYY-MM-DD) or a timestamp (ISO 8601)' });
    return null;
  }
  if (at.getTime() % HOUR !== 0) problems.push({ path, message: 'must be on a whole hour' });
  return at;
}

async function resolveFilters(db: Db, filters: ReportFilters): Promise<ReportPlan['filters']> {
  const out: ReportPlan['filters'] = {};
  for (const [key, values] of Object.entries(filters)) {
    if (!values || key === 'promo_code' || key === 'coupon_code') continue;
    out[key as Dimension] = key === 'country' ? values.map((v) => String(v).toUpperCase()) : values;
  }
  if (filters.promo_code) {
    const rows = await db
      .selectFrom('promos')
      .select('id')
      .where('code', 'in', [...filters.promo_code, ''])
      .execute();
    const ids = rows.map((r) => r.id);
    out.promo = out.promo ? (out.promo as number[]).filter((id) => ids.includes(id)) : ids;
  }
  if (filters.coupon_code) {
    const codes = filters.coupon_code.map((c) => c.toLowerCase());
    const rows = await db
      .selectFrom('coupon_codes')
      .select('id')
      .where(sql<string>`lower(code)`, 'in', [...codes, ''])
      .execute();
    out.coupon = rows.map((r) => r.id);
  }
  return out;
}

/**
 * Checks what the schema cannot (time zone, bounds, sort keys, hidden metrics) with every
 * problem in one 422, and resolves codes to ids. The conversion factors are added later, once
 * the currencies of the money are known.
 */
export async function planReport(db: Db, scope: ReportScope, query: ReportQuery): Promise<ReportPlan> {
  const problems: FieldError[] = [];
  const timezone = query.timezone ?? 'UTC';
  const zoneOk = validZone(timezone);
  if (!zoneOk) problems.push({ path: 'timezone', message: 'must be an IANA time zone such as Europe/Malta' });
  const zone = zoneOk ? timezone : 'UTC';
  const from = await bound(db, query.from, zone, 'from', problems);
  const to = await bound(db, query.to, zone, 'to', problems);
  if (from && to && to <= from) problems.push({ path: 'to', message: 'must be after from' });
  const hidden =
    scope.affiliateId !== undefined ? await hiddenMetrics(db, scope.affiliateId) : new Set<Metric>();
  query.columns?.forEach((c, i) => {
    if (hidden.has(c)) problems.push({ path: `columns[${i}]`, message: `${c} is not available to you` });
  });
  const metrics = query.columns ?? DEFAULT_COLUMNS.filter((m) => !hidden.has(m));
  const sortable = new Set<string>([...query.group_by, ...metrics, 'currency']);
  query.sort?.forEach((s, i) => {
    if (!sortable.has(s.by))
      problems.push({
        path: `sort[${i}].by`,
        message: 'must be a dimension grouped by, a chosen column or currency',
      });
  });
  if (query.rate_date !== undefined && !isIsoDate(query.rate_date))
    problems.push({ path: 'rate_date', message: 'must be a date as YYYY-MM-DD' });
  if (problems.length) throw AppError.validation(problems);
  return {
    from: from as Date,
    to: to as Date,
    timezone: zone === 'Etc/UTC' || zone === 'GMT' ? 'UTC' : zone,
    groupBy: query.group_by,
    filters: await resolveFilters(db, query.filters ?? {}),
    affiliateIds: scope.affiliateId !== undefined ? [scope.affiliateId] : null,
    managerId: scope.managerId ?? null,
    metrics: [...metrics],
    sort: (query.sort ?? []).map((s) => ({ by: s.by, direction: s.direction ?? 'asc' })),
    conversion: null,
  };
}
