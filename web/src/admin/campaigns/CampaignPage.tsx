import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ClickCounts } from '../../clicks/ClickCounts.tsx';
import { countsOfQuery } from '../../clicks/queries.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTime } from '../../format.ts';
import { Owner, useNames } from '../customers/names.tsx';
import { linksQuery } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { AddPromoForm } from './AddPromoForm.tsx';
import { ArchiveButton } from './ArchiveButton.tsx';
import {
  type Campaign,
  campaignPromosQuery,
  campaignQuery,
  promoMediaQuery,
  trafficSourcesQuery,
  usePlanNames,
} from './api.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { PromoCard } from './PromoCard.tsx';
import './campaigns.css';

const route = getRouteApi('/admin/shell/campaigns/$id');

/** One campaign: whose it is, its plan, its promos with their tracking links, and its actions. */
export function CampaignPage() {
  const id = Number(route.useParams().id);
  const campaign = useQuery(campaignQuery(id));
  if (campaign.isPending) return <p className="muted">Loading…</p>;
  if (campaign.isError) return <p className="form-summary">{campaign.error.message}</p>;
  return <CampaignView campaign={campaign.data} />;
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const write = useAllows('write');
  const names = useNames([campaign.affiliate_id]);
  const planName = usePlanNames();
  const promos = useQuery(campaignPromosQuery(campaign.id));
  const links = useQuery(linksQuery({ brand_id: campaign.brand_id })).data?.data ?? [];
  const banners = useQuery(promoMediaQuery(campaign.brand_id)).data?.data ?? [];
  const sources = useQuery(trafficSourcesQuery).data?.data ?? [];
  const rows = promos.data?.data ?? [];
  const campaignCounts = useQuery(countsOfQuery('campaigns', [campaign.id])).data?.get(campaign.id);
  const promoCounts = useQuery(
    countsOfQuery(
      'promos',
      rows.map((p) => p.id),
    ),
  ).data;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const archived = campaign.status === 'archived';
  const canChange = write && !archived;

  return (
    <>
      <div className="page-heading">
        <h1>
          {campaign.name}{' '}
          <span className={`badge ${archived ? 'badge-warn' : 'badge-ok'}`}>{campaign.status}</span>
        </h1>
        {write && (
          <span className="actions">
            {canChange && !editing && (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                Change
              </button>
            )}
            <ArchiveButton
              campaign={campaign}
              onDone={(message) => {
                setEditing(false);
                setAdding(false);
                setDone(message);
              }}
            />
          </span>
        )}
      </div>
      {done && (
        <p className="panel notice" role="status">
          {done}
        </p>
      )}
      {archived && (
        <p className="muted">
          Archived {formatDateTime(campaign.archived_at)}: it takes no new promos and no changes; its tracking
          links keep working.
        </p>
      )}
      <section className="panel" aria-labelledby="campaign-facts">
        <h2 id="campaign-facts" className="visually-hidden">
          About the campaign
        </h2>
        <dl className="facts">
          <dt>Affiliate</dt>
          <dd>
            <Owner id={campaign.affiliate_id} names={names} />
          </dd>
          <dt>Brand</dt>
          <dd>{names.brand(campaign.brand_id)}</dd>
          <dt>Commission plan</dt>
          <dd>
            {campaign.commission_plan_id === null ? (
              <span className="muted">
                none: the affiliate’s own plan on the brand, else the brand’s default
              </span>
            ) : (
              planName(campaign.commission_plan_id)
            )}
          </dd>
          <dt>Created</dt>
          <dd>{formatDateTime(campaign.created_at)}</dd>
          <dt>ID</dt>
          <dd>{campaign.id}</dd>
        </dl>
      </section>
      {editing && (
        <CampaignForm
          campaign={campaign}
          onCancel={() => setEditing(false)}
          onDone={(saved) => {
            setEditing(false);
            setDone(`Campaign ${saved.name} saved.`);
          }}
        />
      )}
      <section className="panel" aria-labelledby="campaign-clicks">
        <div className="panel-heading">
          <h2 id="campaign-clicks">Clicks</h2>
          <Link to="/admin/clicks" search={{ affiliate: campaign.affiliate_id }}>
            Click log
          </Link>
        </div>
        <ClickCounts counts={campaignCounts} label={`Clicks of ${campaign.name}`} />
      </section>
      <section className="panel" aria-labelledby="campaign-promos">
        <h2 id="campaign-promos">Promos</h2>
        {promos.isPending && <p className="muted">Loading…</p>}
        {promos.isError && <p className="form-summary">{promos.error.message}</p>}
        {promos.data && rows.length === 0 && (
          <EmptyState
            title="No promos yet."
            action={
              canChange &&
              !adding && (
                <button type="button" onClick={() => setAdding(true)}>
                  Add a promo
                </button>
              )
            }
          >
            {archived
              ? 'Archived campaigns take no new promos; unarchive it to add one.'
              : 'A promo is the affiliate’s tracking link to one of the brand’s landings, as a text link or with a banner.'}
          </EmptyState>
        )}
        {rows.length > 0 && (
          <div className="admin-promos">
            {rows.map((p) => (
              <PromoCard
                key={p.id}
                promo={p}
                link={links.find((l) => l.id === p.destination_link_id)}
                banner={banners.find((b) => b.id === p.media_id)}
                source={sources.find((s) => s.id === p.traffic_source_id)?.name}
                readOnly={!canChange}
              >
                <ClickCounts compact counts={promoCounts?.get(p.id)} label={`Clicks of ${p.title}`} />
              </PromoCard>
            ))}
          </div>
        )}
        {canChange && !adding && rows.length > 0 && (
          <button type="button" onClick={() => setAdding(true)}>
            Add a promo
          </button>
        )}
      </section>
      {adding && canChange && (
        <AddPromoForm
          campaign={campaign}
          onCancel={() => setAdding(false)}
          onDone={(promo) => {
            setAdding(false);
            setDone(`Promo ${promo.title} added: its tracking link is ready to copy.`);
          }}
        />
      )}
    </>
  );
}
