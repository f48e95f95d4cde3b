import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';
import { ClickCounts } from '../../clicks/ClickCounts.tsx';
import { myCountsOfQuery } from '../../clicks/queries.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { EmptyState, focusForm } from '../../components/EmptyState.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { campaignsQuery, portalBrandsQuery, type Tab } from './queries.ts';

type CampaignListItem = components['schemas']['CampaignListItem'];

const COLUMNS: Column<CampaignListItem>[] = [
  { label: 'ID', cell: (c) => c.id },
  {
    label: 'Name',
    cell: (c) => (
      <Link to="/portal/campaigns/$id" params={{ id: String(c.id) }}>
        {c.name}
      </Link>
    ),
  },
  { label: 'Status', cell: (c) => c.status },
  { label: 'Promos', cell: (c) => c.promo_count },
  { label: 'Created', cell: (c) => formatDateTime(c.created_at) },
];

/** The columns with each campaign's click counts (read for the campaigns shown, in one call). */
function useColumns(rows: readonly CampaignListItem[]): Column<CampaignListItem>[] {
  const counts = useQuery(
    myCountsOfQuery(
      'campaigns',
      rows.map((c) => c.id),
    ),
  ).data;
  return [
    ...COLUMNS.slice(0, 4),
    {
      label: 'Clicks',
      cell: (c) => <ClickCounts compact counts={counts?.get(c.id)} label={`Clicks of ${c.name}`} />,
    },
    ...COLUMNS.slice(4),
  ];
}

const TABS: { tab: Tab; label: string }[] = [
  { tab: 'active', label: 'Active' },
  { tab: 'archived', label: 'Archived' },
  { tab: 'all', label: 'All' },
];

function NewCampaignForm() {
  const brands = useQuery(portalBrandsQuery);
  const [name, setName] = useState('');
  const [brandId, setBrandId] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/campaigns', {
          body: { name, brand_id: Number(brandId || brands.data?.data[0]?.id) },
        }),
      ),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: ['portal', 'campaigns'] });
      await navigate({ to: '/portal/campaigns/$id', params: { id: String(campaign.id) } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form id="new-campaign" className="panel" onSubmit={submit}>
      <h2>Create new campaign</h2>
      <FormSummary message={create.error?.message ?? null} />
      <TextField label="Campaign name" value={name} onChange={setName} required maxLength={200} />
      <div className="field">
        <label htmlFor="campaign-brand">Brand</label>
        <select id="campaign-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {brands.data?.data.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={create.isPending || !brands.data?.data.length}>
        Create campaign
      </button>
    </form>
  );
}

/** The seed's campaigns page: three tabs, a link to each campaign's promos, and "Create". */
export function CampaignsPage() {
  const [tab, setTab] = useState<Tab>('active');
  const campaigns = useQuery(campaignsQuery(tab));
  const rows = campaigns.data?.data ?? [];
  const columns = useColumns(rows);
  return (
    <>
      <h1>Campaigns</h1>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            className={tab === t.tab ? 'active' : 'button-secondary'}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section className="panel">
        {campaigns.isError && <p className="form-summary">{campaigns.error.message}</p>}
        {campaigns.data && (
          <DataTable
            rows={rows}
            columns={columns}
            empty={
              tab === 'archived' ? (
                <EmptyState
                  title="No archived campaigns."
                  action={
                    <button type="button" className="button-secondary" onClick={() => setTab('active')}>
                      Show active campaigns
                    </button>
                  }
                >
                  A campaign you archive keeps its links working and moves here.
                </EmptyState>
              ) : (
                <EmptyState
                  title="No campaigns yet."
                  action={
                    <button type="button" onClick={() => focusForm('new-campaign')}>
                      Create a campaign
                    </button>
                  }
                >
                  A campaign groups your promos for one brand. Create one below, then add a promo to get your
                  first tracking link.
                </EmptyState>
              )
            }
          />
        )}
      </section>
      <NewCampaignForm />
    </>
  );
}
