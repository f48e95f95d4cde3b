import { useQuery } from '@tanstack/react-query';
import { analyticsStatusQuery } from '../components/AnalyticsCopyStatus.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { displayTimeZone, formatDate } from '../format.ts';
import { type Audience, allowedMetricsQuery, downloadExport, reportQuery } from './api.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { FavoritesPanel } from './FavoritesPanel.tsx';
import { searchOfFavorite } from './favorite-search.ts';
import { addDays } from './periods.ts';
import { ReportForm } from './ReportForm.tsx';
import { ReportTable } from './ReportTable.tsx';
import { NATIVE, REPORT_SOURCES, type ReportSearch, toReportQuery } from './report-search.ts';

const SOURCE_OPTIONS = [
  { value: '', label: 'Auto' },
  { value: 'postgres', label: 'PostgreSQL' },
  { value: 'clickhouse', label: 'ClickHouse' },
];

interface ReportBuilderProps {
  audience: Audience;
  /** The report as the address has it. */
  search: ReportSearch;
  /** Puts a report in the address (and so runs it). */
  onSearch(next: ReportSearch): void;
  /** Converted into this unless the reader chose native currencies (an affiliate's report currency). */
  defaultCurrency?: string | null;
}

/** The performance report screen shared by the back office and the portal. */
export function ReportBuilder({ audience, search, onSearch, defaultCurrency }: ReportBuilderProps) {
  const allowed = useQuery(allowedMetricsQuery(audience));
  const timeZone = displayTimeZone();
  const query = toReportQuery(search, timeZone, allowed.data, defaultCurrency);
  // With ClickHouse configured (its copy status says so: admins) the back office may pick the store.
  const analytics = useQuery({ ...analyticsStatusQuery, enabled: audience === 'operator' });
  const choosable = audience === 'operator' && analytics.data?.enabled === true;
  const source = choosable ? search.source : undefined;
  const report = useQuery({ ...reportQuery(audience, query, source), enabled: allowed.isSuccess });
  return (
    <>
      {allowed.data && (
        <ReportForm
          search={search}
          metrics={allowed.data}
          audience={audience}
          currencySource={audience}
          defaultCurrency={defaultCurrency}
          onRun={onSearch}
        />
      )}
      {allowed.isError && <p className="form-summary">{allowed.error.message}</p>}
      <section className="panel" aria-labelledby="report-result-title">
        <div className="panel-heading">
          <h2 id="report-result-title">
            {query.from === addDays(query.to, -1)
              ? formatDate(query.from)
              : `${formatDate(query.from)} – ${formatDate(addDays(query.to, -1))}`}{' '}
            <span className="muted">({timeZone})</span>
          </h2>
          <ExportButtons onDownload={(format) => downloadExport(audience, query, format)} />
        </div>
        {choosable && (
          <SelectField
            label="Source"
            value={source ?? ''}
            options={SOURCE_OPTIONS}
            onChange={(value) =>
              onSearch({
                ...search,
                source: REPORT_SOURCES.find((s) => s === value),
                page: undefined,
              })
            }
          />
        )}
        {report.isError && <p className="form-summary">{report.error.message}</p>}
        {report.isPending && !report.isError && <p className="muted">Running the report…</p>}
        {report.data && (
          <ReportTable
            result={report.data}
            sort={search.sort}
            dir={search.dir}
            onSort={(sort, dir) => onSearch({ ...search, sort, dir, page: undefined })}
            onPage={(page) => onSearch({ ...search, page })}
          />
        )}
      </section>
      <FavoritesPanel
        audience={audience}
        query={query}
        search={search}
        // A favorite keeps its own currency choice: one saved native stays native (Affilka's rule).
        onOpen={(f) => {
          const next = searchOfFavorite(f);
          onSearch(defaultCurrency && !next.currency ? { ...next, currency: NATIVE } : next);
        }}
      />
    </>
  );
}
