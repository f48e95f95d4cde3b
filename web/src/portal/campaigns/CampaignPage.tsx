import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ClickCounts } from '../../clicks/ClickCounts.tsx';
import { myCountsOfQuery } from '../../clicks/queries.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { AddPromo } from './AddPromo.tsx';
import { PromoCard } from './PromoCard.tsx';
import { bannersQuery, campaignPromosQuery, campaignQuery, promoOptionsQuery } from './queries.ts';

/** One campaign: its promos with copyable tracking links, "Add promo", archive and unarchive. */
export function CampaignPage() {
  const id = Number(useParams({ strict: false }).id);
  const campaign = useQuery(campaignQuery(id));
  const promos = useQuery(campaignPromosQuery(id));
  const [adding, setAdding] = useState(false);
  // What the promo cards name: the brand's banners, and the traffic sources on offer.
  const banners =
    useQuery({ ...bannersQuery(campaign.data?.brand_id ?? 0), enabled: !!campaign.data }).data?.data ?? [];
  const sources = useQuery(promoOptionsQuery(id)).data?.traffic_sources ?? [];
  const campaignCounts = useQuery(myCountsOfQuery('campaigns', [id])).data?.get(id);
  const promoCounts = useQuery(myCountsOfQuery('promos', promos.data?.data.map((p) => p.id) ?? [])).data;
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
      <section className="panel" aria-labelledby="campaign-clicks">
        <h2 id="campaign-clicks">Clicks</h2>
        <ClickCounts counts={campaignCounts} label={`Clicks of ${campaign.data.name}`} />
      </section>
      <section className="panel">
        <h2>Promos</h2>
        {promos.data?.data.length === 0 && (
          <EmptyState
            title="No promos yet."
            action={
              !archived &&
              !adding && (
                <button type="button" onClick={() => setAdding(true)}>
                  Add promo
                </button>
              )
            }
          >
            {archived
              ? 'Archived campaigns take no new promos; unarchive it to add one.'
              : 'A promo is your tracking link to one of the brand’s landings, as a text link or with a banner.'}
          </EmptyState>
        )}
        {promos.data?.data.map((p) => (
          <PromoCard key={p.id} promo={p} banners={banners} sources={sources} readOnly={archived}>
            <ClickCounts compact counts={promoCounts?.get(p.id)} label={`Clicks of ${p.title}`} />
          </PromoCard>
        ))}
        {!archived && !adding && promos.data?.data.length !== 0 && (
          <button type="button" onClick={() => setAdding(true)}>
            Add promo
          </button>
        )}
      </section>
      {adding && !archived && (
        <AddPromo
          campaignId={id}
          campaignName={campaign.data.name}
          brandId={campaign.data.brand_id}
          onDone={() => setAdding(false)}
        />
      )}
    </>
  );
}
