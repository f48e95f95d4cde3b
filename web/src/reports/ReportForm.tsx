import { type FormEvent, useEffect, useState } from 'react';
import { MultiPicker } from '../components/MultiPicker.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { TextField } from '../components/TextField.tsx';
import { type ReferenceSource, useCountryOptions, useCurrencyOptions } from '../reference/pickers.tsx';
import type { Audience } from './api.ts';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, METRICS, type Metric } from './catalog.ts';
import { FilterPicker } from './FilterPicker.tsx';
import type { IdFilter } from './filter-choices.ts';
import { OrderedPicker } from './OrderedPicker.tsx';
import { QUICK_PERIODS, type QuickPeriod } from './periods.ts';
import {
  currencyOf,
  ID_FILTERS,
  NATIVE,
  type ReportSearch,
  splitList,
  TEXT_FILTERS,
  validateReportSearch,
  WORD_FILTERS,
} from './report-search.ts';

interface ReportFormProps {
  search: ReportSearch;
  /** The metrics the reader may choose, in the contract's order. */
  metrics: readonly Metric[];
  /** Whose lists the filters choose from: staff every affiliate's, an affiliate only its own. */
  audience: Audience;
  currencySource: ReferenceSource;
  /** What an unchosen currency converts into; choosing "each in its own" then says native. */
  defaultCurrency?: string | null;
  onRun(next: ReportSearch): void;
}

type Draft = Record<'period' | 'from' | 'to' | 'currency' | 'rate_date' | Filter, string> & {
  group: Dimension[];
  cols: Metric[];
};
type Filter = (typeof ID_FILTERS)[number] | (typeof TEXT_FILTERS)[number];

const ID_LABELS: Record<IdFilter, string> = {
  brand: 'Brands',
  campaign: 'Campaigns',
  promo: 'Promos',
  affiliate: 'Affiliates',
  plan: 'Commission plans',
  traffic_source: 'Traffic sources',
  landing: 'Landings',
};

const WORD_FIELDS: Record<(typeof WORD_FILTERS)[number], { label: string; hint: string }> = {
  device: { label: 'Devices', hint: 'desktop, mobile, tablet' },
  promo_code: { label: 'Promo codes', hint: "The tracking link's code, comma separated" },
  coupon_code: { label: 'Coupon codes', hint: 'Only customers who came with them' },
  sub1: { label: 'sub1', hint: 'Comma separated' },
  sub2: { label: 'sub2', hint: 'Comma separated' },
  sub3: { label: 'sub3', hint: 'Comma separated' },
  sub4: { label: 'sub4', hint: 'Comma separated' },
  sub5: { label: 'sub5', hint: 'Comma separated' },
};

const draftOf = (s: ReportSearch, defaultCurrency?: string | null): Draft => ({
  period: s.period ?? (s.from && s.to ? 'custom' : 'last_7_days'),
  from: s.from ?? '',
  to: s.to ?? '',
  group: splitList(s.group) as Dimension[],
  cols: splitList(s.cols) as Metric[],
  ...(Object.fromEntries([...ID_FILTERS, ...TEXT_FILTERS].map((f) => [f, s[f] ?? ''])) as Record<
    Filter,
    string
  >),
  currency: currencyOf(s, defaultCurrency) ?? '',
  rate_date: s.rate_date ?? '',
});

/** What a report is: its days, grouping, filters, columns and currency; Run puts it in the address. */
export function ReportForm({
  search,
  metrics,
  audience,
  currencySource,
  defaultCurrency,
  onRun,
}: ReportFormProps) {
  const [draft, setDraft] = useState(() => draftOf(search, defaultCurrency));
  useEffect(() => setDraft(draftOf(search, defaultCurrency)), [search, defaultCurrency]);
  const set = (key: keyof Draft) => (value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  const currencies = useCurrencyOptions(currencySource, draft.currency);
  const countries = useCountryOptions(currencySource);
  const withAffiliates = audience === 'operator';
  const dimensions = DIMENSIONS.filter((d) => withAffiliates || d !== 'affiliate');
  const idFilters = ID_FILTERS.filter((f) => withAffiliates || f !== 'affiliate');
  const campaigns = splitList(draft.campaign).map(Number);
  const custom = draft.period === 'custom';

  function submit(event: FormEvent) {
    event.preventDefault();
    const { group, cols, period, ...rest } = draft;
    // Sorting by a column no longer in the report would be refused: it goes with the column.
    const keepSort =
      search.sort && (group.includes(search.sort as Dimension) || cols.includes(search.sort as Metric));
    onRun(
      validateReportSearch({
        ...rest,
        currency: rest.currency || (defaultCurrency ? NATIVE : undefined),
        period: custom ? undefined : period,
        from: custom ? draft.from : undefined,
        to: custom ? draft.to : undefined,
        group: group.join(','),
        cols: cols.join(','),
        sort: keepSort ? search.sort : undefined,
        dir: keepSort ? search.dir : undefined,
      }),
    );
  }

  return (
    <form className="panel report-form" aria-label="Report" onSubmit={submit}>
      <div className="report-form-row">
        <SelectField
          label="Period"
          value={draft.period}
          options={[...QUICK_PERIODS, { value: 'custom', label: 'Custom dates' }]}
          onChange={(v) => set('period')(v as QuickPeriod | 'custom')}
        />
        {custom && (
          <>
            <TextField label="From" type="date" value={draft.from} onChange={set('from')} required />
            <TextField label="To (included)" type="date" value={draft.to} onChange={set('to')} required />
          </>
        )}
        <SelectField
          label="Currency"
          value={draft.currency}
          empty="Each in its own currency"
          options={currencies.map((c) => ({ value: c.value, label: `Convert into ${c.label}` }))}
          onChange={set('currency')}
        />
        {draft.currency && (
          <TextField
            label="Rate date"
            type="date"
            value={draft.rate_date}
            onChange={set('rate_date')}
            hint="Today's rates when empty"
          />
        )}
      </div>
      <div className="report-form-row">
        <OrderedPicker
          label="Group by"
          value={draft.group}
          options={dimensions}
          labelOf={(d) => DIMENSION_LABELS[d]}
          onChange={set('group')}
          emptyText="No grouping: one row per currency."
        />
        <OrderedPicker
          label="Columns"
          value={draft.cols}
          options={metrics}
          labelOf={(m) => METRICS[m].label}
          onChange={set('cols')}
          emptyText="The default columns."
        />
      </div>
      <details
        className="report-filters"
        open={[...ID_FILTERS, ...TEXT_FILTERS].some((f) => draft[f] !== '')}
      >
        <summary>Filters</summary>
        <div className="report-form-row">
          {idFilters.map((f) => (
            <FilterPicker
              key={f}
              audience={audience}
              filter={f}
              label={ID_LABELS[f]}
              values={splitList(draft[f])}
              onChange={(v) => set(f)(v.join(','))}
              context={{ campaigns }}
            />
          ))}
          <MultiPicker
            label="Countries"
            values={splitList(draft.country)}
            onChange={(v) => set('country')(v.join(','))}
            options={countries}
          />
        </div>
        <div className="report-form-row">
          {WORD_FILTERS.map((f) => (
            <TextField
              key={f}
              label={WORD_FIELDS[f].label}
              hint={WORD_FIELDS[f].hint}
              value={draft[f]}
              onChange={set(f)}
            />
          ))}
        </div>
      </details>
      <div className="actions">
        <button type="submit">Run report</button>
      </div>
    </form>
  );
}
