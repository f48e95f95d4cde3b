import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { affiliateNamesQuery } from '../tracking/api.ts';
import { CampaignForm } from './CampaignForm.tsx';

const route = getRouteApi('/admin/shell/campaigns/new');

/** A new campaign; opened from an affiliate's page, that affiliate is already chosen. */
export function NewCampaignPage() {
  const { affiliate } = route.useSearch();
  const navigate = useNavigate();
  const names = useQuery(affiliateNamesQuery(affiliate ? [affiliate] : []));
  const waiting = affiliate !== undefined && names.isPending;
  const name = affiliate ? names.data?.[affiliate] : undefined;
  return (
    <>
      <h1>New campaign</h1>
      {waiting ? (
        <p className="muted">Loading…</p>
      ) : (
        <CampaignForm
          affiliate={affiliate && name ? { id: affiliate, name } : null}
          onDone={(campaign) => navigate({ to: '/admin/campaigns/$id', params: { id: String(campaign.id) } })}
          onCancel={() => navigate({ to: '/admin/campaigns' })}
        />
      )}
    </>
  );
}
