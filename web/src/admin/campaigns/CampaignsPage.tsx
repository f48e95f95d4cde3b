import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ClickCounts } from '../../clicks/ClickCounts.tsx';
import { countsOfQuery } from '../../clicks/queries.ts';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import { type Names, Owner, useNames } from '../customers/names.tsx';
import { useAllows } from '../use-allows.ts';
import { type CampaignListItem, campaignsQuery, type Tab, usePlanNames } from './api.ts';
import { CampaignFilters } from './CampaignFilters.tsx';
import { type CampaignSearch, isFiltered, toCampaignQuery } from './campaign-search.ts';
import './campaigns.css';

const route = getRouteApi('/admin/shell/campaigns');

const TAB_LABELS: Record<Tab, string> = { active: 'Active', archived: 'Archived', all: 'All' };

function columns(
  names: Names,
  planName: (id: number | null) => string,
  counts: ReturnType<typeof useCounts>,
): Column<CampaignListItem>[] {
  return [
    { label: 'ID', cell: (c) => c.id },
    {
      label: 'Name',
      cell: (c) => (
        <Link to="/admin/campaigns/$id" params={{ id: String(c.id) }}>
          {c.name}
        </Link>
      ),
    },
    { label: 'Affiliate', cell: (c) => <Owner id={c.affiliate_id} names={names} /> },
    { label: 'Brand', cell: (c) => names.brand(c.brand_id) },
    { label: 'Commission plan', cell: (c) => planName(c.commission_plan_id) },
    { label: 'Promos', cell: (c) => c.promo_count },
    {
      label: 'Clicks',
      cell: (c) => <ClickCounts compact counts={counts?.get(c.id)} label={`Clicks of ${c.name}`} />,
    },
    {
      label: 'Status',
      cell: (c) => (
        <span className={`badge ${c.status === 'active' ? 'badge-ok' : 'badge-warn'}`}>{c.status}</span>
      ),
    },
    { label: 'Created', cell: (c) => formatDateTime(c.created_at) },
  ];
}

const useCounts = (rows: readonly CampaignListItem[]) =>
  useQuery(
    countsOfQuery(
      'campaigns',
      rows.map((c) => c.id),
    ),
  ).data;

/** Every affiliate's campaigns: three tabs, filters, and the way to a campaign's promos. */
export function CampaignsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const list = useQuery(campaignsQuery(toCampaignQuery(search)));
  const rows = list.data?.data ?? [];
  const names = useNames(rows.map((c) => c.affiliate_id));
  const planName = usePlanNames();
  const counts = useCounts(rows);
  const apply = (next: CampaignSearch) => navigate({ search: next });
  const tab = search.tab ?? 'active';
  const newLink = write && (
    <Link to="/admin/campaigns/new" search={{ affiliate: search.affiliate }} className="button-link">
      New campaign
    </Link>
  );

  return (
    <>
      <div className="page-heading">
        <h1>Campaigns</h1>
        {newLink}
      </div>
      <p className="muted">
        A campaign groups one affiliate’s promos (tracking links) for one brand; its commission plan, when
        set, comes before the affiliate’s and the brand’s. Archived campaigns take no new promos, and their
        links keep working.
      </p>
      <nav className="tabs" aria-label="Campaign status">
        {(['active', 'archived', 'all'] as const).map((t) => (
          <Link
            key={t}
            to="/admin/campaigns"
            search={{ ...search, tab: t === 'active' ? undefined : t, page: undefined }}
            aria-current={t === tab ? 'page' : undefined}
            className={t === tab ? 'active' : undefined}
          >
            {TAB_LABELS[t]}
          </Link>
        ))}
      </nav>
      <div className="campaign-filters">
        <CampaignFilters search={search} onApply={apply} />
      </div>
      <PagedTable
        label="Campaigns"
        list={list}
        columns={columns(names, planName, counts)}
        unit="campaign"
        onPage={(page) => apply({ ...search, page })}
        empty={
          isFiltered(search) ? (
            <NoMatch title="No campaigns match." onClear={() => apply({ tab: search.tab })}>
              Search for another name, or choose another affiliate, brand or plan.
            </NoMatch>
          ) : tab === 'archived' ? (
            <EmptyState title="No archived campaigns.">
              A campaign you archive keeps its links working and moves here.
            </EmptyState>
          ) : (
            <EmptyState title="No campaigns yet." action={newLink}>
              Create a campaign for an affiliate and a brand, then add a promo to it: that gives the affiliate
              a tracking link. Affiliates can also make their own in the portal.
            </EmptyState>
          )
        }
      />
    </>
  );
}
