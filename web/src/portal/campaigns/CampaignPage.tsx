import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { AddPromo } from './AddPromo.tsx';
import { campaignPromosQuery, campaignQuery } from './queries.ts';

/** One campaign: its promos with copyable tracking links, "Add promo", archive and unarchive. */
export function CampaignPage() {
  const id = Number(useParams({ strict: false }).id);
  const campaign = useQuery(campaignQuery(id));
  const promos = useQuery(campaignPromosQuery(id));
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const archived = campaign.data?.status === 'archived';
  const toggle = useMutation({
    mutationFn: () =>
      archived
        ? unwrap(api.POST('/api/partner/v1/campaigns/{id}/unarchive', { params: { path: { id } } }))
        : unwrap(api.POST('/api/partner/v1/campaigns/{id}/archive', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'campaigns'] }),
  });

  if (campaign.isError) return <p className="form-summary">{campaign.error.message}</p>;
  if (!campaign.data) return <p className="muted">Loading…</p>;
  return (
    <>
      <h1>
        {campaign.data.name} <span className="muted">#{campaign.data.id}</span>
      </h1>
      <p>
        Status: <strong>{campaign.data.status}</strong>{' '}
        <button
          type="button"
          className="button-secondary"
          onClick={() => toggle.mutate()}
          disabled={toggle.isPending}
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
      </p>
      <FormSummary message={toggle.error?.message ?? null} />
      {archived && (
        <p className="muted">Archived campaigns accept no new promos or edits; their links keep working.</p>
      )}
      <section className="panel">
        <h2>Promos</h2>
        {promos.data?.data.length === 0 && <p className="muted">No promos yet.</p>}
        {promos.data?.data.map((p) => (
          <article key={p.id} className="card" data-testid="promo-card">
            <h3>{p.title}</h3>
            <p>
              Tracking link: <code data-testid="tracking-link">{p.tracking_link}</code>{' '}
              <CopyButton text={p.tracking_link} />
            </p>
            <p className="muted">
              Code {p.code} · {p.media_id ? `banner #${p.media_id}` : 'direct link'} · traffic source{' '}
              {p.traffic_source_id ?? 'not set'}
            </p>
          </article>
        ))}
        {!archived && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add promo
          </button>
        )}
      </section>
      {adding && !archived && (
        <AddPromo campaignId={id} brandId={campaign.data.brand_id} onDone={() => setAdding(false)} />
      )}
    </>
  );
}
