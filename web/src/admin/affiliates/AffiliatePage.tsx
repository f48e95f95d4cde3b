import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ClickCounts } from '../../clicks/ClickCounts.tsx';
import { countsOfQuery } from '../../clicks/queries.ts';
import { humanize } from '../../format.ts';
import {
  SubAffiliateReport,
  type SubReportSearch,
  validateSubReportSearch,
} from '../../reports/SubAffiliateReport.tsx';
import { useAllows } from '../use-allows.ts';
import { ApplicationPanel } from './ApplicationPanel.tsx';
import { affiliateQuery } from './api.ts';
import { BillingTab } from './BillingTab.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { EventsTab } from './EventsTab.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { InquiriesPanel } from './InquiriesPanel.tsx';
import { MessagesPanel } from './MessagesPanel.tsx';
import { MoneyTab } from './MoneyTab.tsx';
import { PostbacksTab } from './PostbacksTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { SignInAsButton } from './SignInAsButton.tsx';
import { SitesPanel } from './SitesPanel.tsx';
import { TermsPanel } from './TermsPanel.tsx';
import { UsersTab } from './UsersTab.tsx';

export const TABS = [
  'profile',
  'billing',
  'money',
  'users',
  'sub_affiliates',
  'history',
  'events',
  'postbacks',
  'messages',
] as const;
export type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  profile: 'Profile',
  billing: 'Billing and payment',
  money: 'Balances and wallet',
  users: 'Users',
  sub_affiliates: 'Sub-affiliates',
  history: 'History',
  events: 'Events log',
  postbacks: 'Postbacks',
  messages: 'Messages',
};

export function validateTab(raw: Record<string, unknown>): { tab?: Tab } & SubReportSearch {
  return {
    ...(TABS.includes(raw.tab as Tab) ? { tab: raw.tab as Tab } : {}),
    ...validateSubReportSearch(raw),
  };
}

const route = getRouteApi('/admin/shell/affiliates/$id');

export function AffiliatePage() {
  const id = Number(route.useParams().id);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab = search.tab ?? 'profile';
  const support = useAllows('support');
  const write = useAllows('write');
  const affiliate = useQuery(
    affiliateQuery(id, [
      'account_manager',
      'account_executive',
      'tier',
      'referrer',
      'signup',
      'custom_tags',
      'traffic_sources',
    ]),
  );

  const counts = useQuery(countsOfQuery('affiliates', [id])).data?.get(id);
  if (affiliate.isPending) return <p className="muted">Loading…</p>;
  if (affiliate.isError) return <p className="form-summary">{affiliate.error.message}</p>;
  const a = affiliate.data;
  return (
    <>
      <div className="page-heading">
        <h1>
          {a.name} <span className={`badge status-${a.status}`}>{humanize(a.status)}</span>
        </h1>
        <span className="actions">
          {support && <SignInAsButton id={id} name={a.name} />}
          {write && (
            <Link to="/admin/affiliates/$id/edit" params={{ id: String(id) }} className="button-link">
              Edit
            </Link>
          )}
        </span>
      </div>
      {write && (a.status === 'pending' || a.status === 'declined') && <ApplicationPanel affiliate={a} />}
      <InquiriesPanel id={id} canAsk={support} />
      <SitesPanel id={id} canReview={support} />
      <DocumentsPanel id={id} canDecide={support} />
      <section className="panel" aria-labelledby="affiliate-clicks">
        <div className="panel-heading">
          <h2 id="affiliate-clicks">Clicks</h2>
          <span className="actions">
            <Link to="/admin/campaigns" search={{ affiliate: id, tab: 'all' }}>
              Campaigns
            </Link>
            <Link to="/admin/clicks" search={{ affiliate: id }}>
              Click log
            </Link>
          </span>
        </div>
        <ClickCounts counts={counts} label={`Clicks of ${a.name}`} />
      </section>
      <nav className="tabs" aria-label="Affiliate sections">
        {TABS.map((t) => (
          <Link
            key={t}
            to="/admin/affiliates/$id"
            params={{ id: String(id) }}
            search={{ tab: t }}
            aria-current={t === tab ? 'page' : undefined}
            className={t === tab ? 'active' : undefined}
          >
            {TAB_LABELS[t]}
          </Link>
        ))}
      </nav>
      {tab === 'profile' && <ProfileTab affiliate={a} />}
      {tab === 'profile' && <TermsPanel id={id} />}
      {tab === 'billing' && <BillingTab id={id} currency={a.default_currency} />}
      {tab === 'money' && <MoneyTab id={id} />}
      {tab === 'users' && <UsersTab id={id} />}
      {tab === 'sub_affiliates' && (
        <SubAffiliateReport
          owner={{ audience: 'operator', affiliateId: id }}
          search={search}
          onSearch={(next) => navigate({ search: { tab, ...next } })}
        />
      )}
      {tab === 'history' && <HistoryTab id={id} />}
      {tab === 'events' && <EventsTab id={id} />}
      {tab === 'postbacks' && <PostbacksTab id={id} />}
      {tab === 'messages' && <MessagesPanel id={id} canWrite={support} />}
    </>
  );
}
