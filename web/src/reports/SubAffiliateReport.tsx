import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { SelectField } from '../components/SelectField.tsx';
import { TextField } from '../components/TextField.tsx';
import { displayTimeZone, formatDate } from '../format.ts';
import { useCurrencyOptions } from '../reference/pickers.tsx';
import { type Audience, allowedMetricsQuery, saveBlob } from './api.ts';
import { METRICS } from './catalog.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { OrderedPicker } from './OrderedPicker.tsx';
import { addDays, QUICK_PERIOD_VALUES, QUICK_PERIODS, type QuickPeriod } from './periods.ts';
import { ReportTable } from './ReportTable.tsx';
import { daysOf, PAGE_SIZE } from './report-search.ts';

type SubQuery =
  paths['/api/partner/v1/reports/sub-affiliates']['post']['requestBody']['content']['application/json'];
type SubColumn = NonNullable<SubQuery['columns']>[number];
type SubPeriod = Exclude<SubQuery['group_by'][number], 'sub_affiliate'>;

const EARNED: Record<string, string> = {
  sub_commission_level_1: 'Level 1 commission',
  sub_commission_level_2: 'Level 2 commission',
  sub_commission: 'Sub-affiliate commission (both levels)',
};
const SUB_PERIODS: { value: SubPeriod; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];

/** The sub-affiliate report as the address keeps it (`sub_` keys, beside the list's own). */
export interface SubReportSearch {
  sub_period?: QuickPeriod;
  sub_from?: string;
  sub_to?: string;
  /** Group by sub-affiliate: on unless `0`. */
  sub_each?: '0';
  sub_by?: SubPeriod;
  sub_cols?: string;
  /** A currency to convert into, or `native` for each in its own. */
  sub_currency?: string;
  /** A column the report shows, as the API names it; `sub_dir` says which way. */
  sub_sort?: string;
  sub_dir?: 'asc' | 'desc';
  sub_page?: number;
}

const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** Reads a hand-edited address: anything odd is dropped. */
export function validateSubReportSearch(raw: Record<string, unknown>): SubReportSearch {
  const out: SubReportSearch = {};
  if (QUICK_PERIOD_VALUES.includes(raw.sub_period as QuickPeriod))
    out.sub_period = raw.sub_period as QuickPeriod;
  if (day(raw.sub_from)) out.sub_from = day(raw.sub_from);
  if (day(raw.sub_to)) out.sub_to = day(raw.sub_to);
  if (raw.sub_each === '0' || raw.sub_each === 0) out.sub_each = '0';
  if (SUB_PERIODS.some((p) => p.value === raw.sub_by)) out.sub_by = raw.sub_by as SubPeriod;
  if (typeof raw.sub_cols === 'string' && /^[a-z0-9_,]{1,600}$/.test(raw.sub_cols))
    out.sub_cols = raw.sub_cols;
  if (typeof raw.sub_currency === 'string' && /^([A-Za-z0-9]{3}|native)$/.test(raw.sub_currency))
    out.sub_currency = raw.sub_currency === 'native' ? 'native' : raw.sub_currency.toUpperCase();
  if (typeof raw.sub_sort === 'string' && /^[a-z0-9_]{1,64}$/.test(raw.sub_sort)) out.sub_sort = raw.sub_sort;
  if (raw.sub_dir === 'asc' || raw.sub_dir === 'desc') out.sub_dir = raw.sub_dir;
  const page = Number(raw.sub_page);
  if (Number.isInteger(page) && page > 1 && page < 1_000_000) out.sub_page = page;
  return out;
}

function queryOf(s: SubReportSearch, timeZone: string, allowed: readonly string[], fallback?: string | null) {
  const days = daysOf({ period: s.sub_period, from: s.sub_from, to: s.sub_to }, timeZone);
  const cols = (s.sub_cols ?? '').split(',').filter((c) => allowed.includes(c)) as SubColumn[];
  const currency = s.sub_currency === 'native' ? undefined : (s.sub_currency ?? fallback ?? undefined);
  const group: SubQuery['group_by'] = [
    ...(s.sub_by ? [s.sub_by] : []),
    ...(s.sub_each === '0' ? [] : (['sub_affiliate'] as const)),
  ];
  return {
    ...days,
    timezone: timeZone,
    group_by: group,
    ...(cols.length ? { columns: cols } : {}),
    ...(currency ? { currency } : {}),
    ...(s.sub_sort ? { sort: [{ by: s.sub_sort, direction: s.sub_dir ?? 'asc' }] } : {}),
    page: s.sub_page ?? 1,
    page_size: PAGE_SIZE,
  } satisfies SubQuery;
}

/**
 * Whether sorting by `sort` survives running `next`: a column the new report no longer shows
 * would be refused, so the sort goes with it. `current` ran with the sort, so its columns had it.
 */
function sortStays(sort: string, next: SubReportSearch, current: SubReportSearch): boolean {
  if (sort === 'currency') return true;
  if (['sub_affiliate', 'sub_affiliate_name', 'level'].includes(sort)) return next.sub_each !== '0';
  if (SUB_PERIODS.some((p) => p.value === sort)) return next.sub_by === sort;
  return next.sub_cols ? next.sub_cols.split(',').includes(sort) : !current.sub_cols;
}

// The sub-affiliate column shows the name, so its header sorts by name (as a reader expects).
const BY_NAME: Record<string, string> = { sub_affiliate: 'sub_affiliate_name' };
const headerOf = (sort: string | undefined) =>
  Object.entries(BY_NAME).find(([, by]) => by === sort)?.[0] ?? sort;

/** Whose sub-affiliates: the affiliate's own (portal) or one the operator picked. */
export type SubReportOwner = { audience: 'partner' } | { audience: 'operator'; affiliateId: number };

function runSubReport(owner: SubReportOwner, body: SubQuery) {
  return owner.audience === 'partner'
    ? unwrap(api.POST('/api/partner/v1/reports/sub-affiliates', { body }))
    : unwrap(
        api.POST('/api/v1/affiliates/{id}/reports/sub-affiliates', {
          params: { path: { id: owner.affiliateId } },
          body,
        }),
      );
}

async function exportSubReport(
  owner: SubReportOwner,
  body: SubQuery,
  format: 'csv' | 'xlsx' | 'json' | 'xml',
) {
  const options = { params: { query: { format } }, body, parseAs: 'blob' as const };
  const answer =
    owner.audience === 'partner'
      ? await api.POST('/api/partner/v1/reports/sub-affiliates/export', options)
      : await api.POST('/api/v1/affiliates/{id}/reports/sub-affiliates/export', {
          ...options,
          params: { ...options.params, path: { id: owner.affiliateId } },
        });
  await saveBlob(answer, `sub-affiliates.${format}`);
}

const subReportQuery = (owner: SubReportOwner, body: SubQuery) =>
  queryOptions({
    queryKey: [
      ...(owner.audience === 'partner' ? ['portal', 'reports'] : ['reports', owner.affiliateId]),
      'sub-affiliates',
      body,
    ],
    queryFn: () => runSubReport(owner, body),
    placeholderData: keepPreviousData,
    retry: false,
  });

interface SubAffiliateReportProps {
  owner: SubReportOwner;
  search: SubReportSearch;
  onSearch(next: SubReportSearch): void;
  /** Converted into this currency unless the reader picks "each in its own" (the affiliate's default). */
  defaultCurrency?: string | null;
}

/** The sub-affiliates' figures and what was earned from each, by sub-affiliate and/or period. */
export function SubAffiliateReport({ owner, search, onSearch, defaultCurrency }: SubAffiliateReportProps) {
  const allowedMetrics = useQuery(allowedMetricsQuery(owner.audience as Audience));
  const timeZone = displayTimeZone();
  const metrics = allowedMetrics.data ?? [];
  // What was earned from them is the sub-affiliate commission measurement, split by level.
  const allowed: string[] = [
    ...metrics,
    ...(metrics.includes('sub_affiliate_commission') ? Object.keys(EARNED) : []),
  ];
  const labelOf = (c: string) => EARNED[c] ?? METRICS[c as keyof typeof METRICS]?.label ?? c;
  const query = queryOf(search, timeZone, allowed, defaultCurrency);
  const report = useQuery({ ...subReportQuery(owner, query), enabled: allowedMetrics.isSuccess });
  const [draft, setDraft] = useState(search);
  useEffect(() => setDraft(search), [search]);
  const currencies = useCurrencyOptions(owner.audience, search.sub_currency ?? defaultCurrency ?? '');
  const shownCurrency = draft.sub_currency === 'native' ? '' : (draft.sub_currency ?? defaultCurrency ?? '');
  const custom = draft.sub_period === undefined && draft.sub_from !== undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const keep = search.sub_sort && sortStays(search.sub_sort, draft, search);
    onSearch({
      ...draft,
      sub_sort: keep ? search.sub_sort : undefined,
      sub_dir: keep ? search.sub_dir : undefined,
      sub_page: undefined,
    });
  }

  return (
    <>
      <form className="panel report-form" aria-label="Sub-affiliate report" onSubmit={submit}>
        <div className="report-form-row">
          <SelectField
            label="Period"
            value={custom ? 'custom' : (draft.sub_period ?? 'last_30_days')}
            options={[...QUICK_PERIODS, { value: 'custom', label: 'Custom dates' }]}
            onChange={(v) =>
              setDraft((d) =>
                v === 'custom'
                  ? {
                      ...d,
                      sub_period: undefined,
                      sub_from: d.sub_from ?? query.from,
                      sub_to: d.sub_to ?? addDays(query.to, -1),
                    }
                  : { ...d, sub_period: v as QuickPeriod, sub_from: undefined, sub_to: undefined },
              )
            }
          />
          {custom && (
            <>
              <TextField
                label="From"
                type="date"
                value={draft.sub_from ?? ''}
                onChange={(v) => setDraft((d) => ({ ...d, sub_from: v }))}
                required
              />
              <TextField
                label="To (included)"
                type="date"
                value={draft.sub_to ?? ''}
                onChange={(v) => setDraft((d) => ({ ...d, sub_to: v }))}
                required
              />
            </>
          )}
          <SelectField
            label="Currency"
            value={shownCurrency}
            empty="Each in its own currency"
            options={currencies.map((c) => ({ value: c.value, label: `Convert into ${c.label}` }))}
            onChange={(v) =>
              setDraft((d) => ({ ...d, sub_currency: v || (defaultCurrency ? 'native' : undefined) }))
            }
          />
        </div>
        <div className="report-form-row">
          <SelectField
            label="By sub-affiliate"
            value={draft.sub_each === '0' ? '0' : '1'}
            options={[
              { value: '1', label: 'One row per sub-affiliate' },
              { value: '0', label: 'All sub-affiliates together' },
            ]}
            onChange={(v) => setDraft((d) => ({ ...d, sub_each: v === '0' ? '0' : undefined }))}
          />
          <SelectField
            label="By period"
            value={draft.sub_by ?? ''}
            empty="The whole period"
            options={SUB_PERIODS}
            onChange={(v) => setDraft((d) => ({ ...d, sub_by: (v || undefined) as SubPeriod | undefined }))}
          />
        </div>
        <div className="report-form-row">
          <OrderedPicker
            label="Columns"
            value={(draft.sub_cols ?? '').split(',').filter((c) => allowed.includes(c))}
            options={allowed}
            labelOf={labelOf}
            onChange={(cols) =>
              setDraft((d) => ({ ...d, sub_cols: cols.length ? cols.join(',') : undefined }))
            }
            emptyText="The default columns."
          />
        </div>
        <div className="actions">
          <button type="submit">Run report</button>
        </div>
      </form>
      <section className="panel" aria-labelledby="sub-report-title">
        <div className="panel-heading">
          <h2 id="sub-report-title">
            {query.from === addDays(query.to, -1)
              ? formatDate(query.from)
              : `${formatDate(query.from)} – ${formatDate(addDays(query.to, -1))}`}{' '}
            <span className="muted">({timeZone})</span>
          </h2>
          <ExportButtons onDownload={(format) => exportSubReport(owner, query, format)} />
        </div>
        {allowedMetrics.isError && <p className="form-summary">{allowedMetrics.error.message}</p>}
        {report.isError && <p className="form-summary">{report.error.message}</p>}
        {report.isPending && !report.isError && <p className="muted">Running the report…</p>}
        {report.data && (
          <ReportTable
            result={report.data}
            sort={headerOf(search.sub_sort)}
            dir={search.sub_dir}
            onSort={(key, dir) =>
              onSearch({ ...search, sub_sort: BY_NAME[key] ?? key, sub_dir: dir, sub_page: undefined })
            }
            onPage={(page) => onSearch({ ...search, sub_page: page })}
          />
        )}
      </section>
    </>
  );
}
