import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { formatMoney } from '../../customers/money.ts';
import { formatDateTime, sentenceCase } from '../../format.ts';
import {
  SubAffiliateReport,
  type SubReportSearch,
  validateSubReportSearch,
} from '../../reports/SubAffiliateReport.tsx';
import { profileQuery } from '../queries.ts';

type SubAffiliate = Json<paths['/api/partner/v1/sub-affiliates']['get']['responses'][200]>['data'][number];

const PAGE_SIZE = 50;

const subAffiliatesQuery = (page: number) =>
  queryOptions({
    queryKey: ['portal', 'sub-affiliates', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/partner/v1/sub-affiliates', { params: { query: { page, page_size: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });

const route = getRouteApi('/portal/portal-shell/sub-affiliates');

export function validateSubAffiliatesSearch(
  raw: Record<string, unknown>,
): { tab?: 'report' } & SubReportSearch {
  return { ...(raw.tab === 'report' ? { tab: 'report' as const } : {}), ...validateSubReportSearch(raw) };
}

/** The sub-affiliates: the list (who they are) and the report (their figures and what they earned you). */
export function SubAffiliatesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const profile = useQuery(profileQuery);
  const report = search.tab === 'report';
  return (
    <>
      <h1>Sub-affiliates</h1>
      <div className="tabs" role="tablist" aria-label="Sub-affiliate views">
        {[
          { report: false, label: 'List' },
          { report: true, label: 'Report' },
        ].map((t) => (
          <button
            key={t.label}
            type="button"
            role="tab"
            aria-selected={report === t.report}
            className={report === t.report ? 'active' : 'button-secondary'}
            onClick={() => navigate({ search: t.report ? { ...search, tab: 'report' } : {} })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {!report && <SubAffiliateList />}
      {report && profile.data && (
        <SubAffiliateReport
          owner={{ audience: 'partner' }}
          search={search}
          onSearch={(next) => navigate({ search: { tab: 'report', ...next } })}
          defaultCurrency={profile.data.report_currency}
        />
      )}
    </>
  );
}

/** The affiliates you referred (level 1) and those they referred (level 2), with what each earned you. */
function SubAffiliateList() {
  const [page, setPage] = useState(1);
  const list = useQuery(subAffiliatesQuery(page));
  const columns: Column<SubAffiliate>[] = [
    { label: 'Sub-affiliate', cell: (s) => <span data-testid="sub-affiliate-name">{s.name}</span> },
    { label: 'Level', cell: (s) => (s.level === 1 ? '1 (referred by you)' : '2 (referred by your sub)') },
    { label: 'Campaign', cell: (s) => s.campaign?.name ?? <span className="muted">—</span> },
    {
      label: 'Promo',
      cell: (s) =>
        s.promo ? <code>{s.promo.title || s.promo.code}</code> : <span className="muted">—</span>,
    },
    { label: 'Registered', cell: (s) => <span className="nowrap">{formatDateTime(s.registered_at)}</span> },
    { label: 'Status', cell: (s) => sentenceCase(s.status) },
    {
      label: 'Commission',
      cell: (s) =>
        s.commissions.length === 0 ? (
          <span className="muted">none yet</span>
        ) : (
          s.commissions.map((c) => (
            <div key={c.currency} className="nowrap">
              {formatMoney(c.amount, c.currency)}
            </div>
          ))
        ),
    },
  ];
  return (
    <>
      <p className="muted">
        The affiliates who joined the program through your sub-affiliate link, and the ones they brought in,
        newest first, with the sub-affiliate commission you earned from each.
      </p>
      <PagedTable
        label="Sub-affiliates"
        list={list}
        columns={columns}
        unit="sub-affiliate"
        onPage={setPage}
        empty={
          <EmptyState title="No sub-affiliates yet.">
            Share your referral link (Campaigns) with other publishers: those who join appear here.
          </EmptyState>
        }
      />
    </>
  );
}
