import { type FormEvent, useEffect, useState } from 'react';
import { SelectField } from '../components/SelectField.tsx';
import { TextField } from '../components/TextField.tsx';
import { type ReferenceSource, useCurrencyOptions } from '../reference/pickers.tsx';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, METRICS, type Metric } from './catalog.ts';
import { OrderedPicker } from './OrderedPicker.tsx';
import { QUICK_PERIODS, type QuickPeriod } from './periods.ts';
import { currencyOf, NATIVE, type ReportSearch, splitList, validateReportSearch } from './report-search.ts';

interface ReportFormProps {
  search: ReportSearch;
  /** The metrics the reader may choose, in the contract's order. */
  metrics: readonly Metric[];
  /** Staff filter and group by affiliate; an affiliate sees only itself. */
  withAffiliates: boolean;
  currencySource: ReferenceSource;
  /** What an unchosen currency converts into; choosing "each in its own" then says native. */
  defaultCurrency?: string | null;
  onRun(next: ReportSearch): void;
}

type Draft = Record<'period' | 'from' | 'to' | 'currency' | 'rate_date' | Filter, string> & {
  group: Dimension[];
  cols: Metric[];
};
type Filter = 'brand' | 'campaign' | 'promo' | 'affiliate' | 'country' | 'device' | 'promo_code';

const FILTER_FIELDS: { key: Filter; label: string; hint: string }[] = [
  { key: 'brand', label: 'Brand ids', hint: 'Comma separated, e.g. 1, 4' },
  { key: 'campaign', label: 'Campaign ids', hint: 'Comma separated' },
  { key: 'promo', label: 'Promo ids', hint: 'Comma separated' },
  { key: 'affiliate', label: 'Affiliate ids', hint: 'Comma separated' },
  { key: 'country', label: 'Countries', hint: 'Two-letter codes, e.g. DE, FR' },
  { key: 'device', label: 'Devices', hint: 'desktop, mobile, tablet' },
  { key: 'promo_code', label: 'Promo codes', hint: "The tracking link's code" },
];

const draftOf = (s: ReportSearch, defaultCurrency?: string | null): Draft => ({
  period: s.period ?? (s.from && s.to ? 'custom' : 'last_7_days'),
  from: s.from ?? '',
  to: s.to ?? '',
  group: splitList(s.group) as Dimension[],
  cols: splitList(s.cols) as Metric[],
  brand: s.brand ?? '',
  campaign: s.campaign ?? '',
  promo: s.promo ?? '',
  affiliate: s.affiliate ?? '',
  country: s.country ?? '',
  device: s.device ?? '',
  promo_code: s.promo_code ?? '',
  currency: currencyOf(s, defaultCurrency) ?? '',
  rate_date: s.rate_date ?? '',
});

/** What a report is: its days, grouping, filters, columns and currency; Run puts it in the address. */
export function ReportForm({
  search,
  metrics,
  withAffiliates,
  currencySource,
  defaultCurrency,
  onRun,
}: ReportFormProps) {
  const [draft, setDraft] = useState(() => draftOf(search, defaultCurrency));
  useEffect(() => setDraft(draftOf(search, defaultCurrency)), [search, defaultCurrency]);
  const set = (key: keyof Draft) => (value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  const currencies = useCurrencyOptions(currencySource, draft.currency);
  const dimensions = DIMENSIONS.filter((d) => withAffiliates || d !== 'affiliate');
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
      <details className="report-filters" open={FILTER_FIELDS.some((f) => draft[f.key] !== '')}>
        <summary>Filters</summary>
        <div className="report-form-row">
          {FILTER_FIELDS.filter((f) => withAffiliates || f.key !== 'affiliate').map((f) => (
            <TextField key={f.key} label={f.label} hint={f.hint} value={draft[f.key]} onChange={set(f.key)} />
          ))}
        </div>
      </details>
      <div className="actions">
        <button type="submit">Run report</button>
      </div>
    </form>
  );
}
