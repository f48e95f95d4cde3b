import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { campaignsQuery, portalBrandsQuery, type Tab } from './queries.ts';

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
    <form className="panel" onSubmit={submit}>
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
        {campaigns.data?.data.length === 0 && <p className="muted">No campaigns here.</p>}
        {campaigns.data && campaigns.data.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Promos</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.id}</td>
                  <td>
                    <Link to="/portal/campaigns/$id" params={{ id: String(c.id) }}>
                      {c.name}
                    </Link>
                  </td>
                  <td>{c.status}</td>
                  <td>{c.promo_count}</td>
                  <td>{formatDateTime(c.created_at as string)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <NewCampaignForm />
    </>
  );
}
