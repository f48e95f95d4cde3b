import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import {
  type Campaign,
  createPromo,
  type Promo,
  promoLinksQuery,
  promoMediaQuery,
  trafficSourcesQuery,
} from './api.ts';

const FIELDS = {
  destination_link_id: 'Landing',
  media_id: 'Banner',
  traffic_source_id: 'Traffic source',
  title: 'Title',
};

/** Adds a promo to the campaign: its landing, a banner or a direct link, a traffic source, a title. */
export function AddPromoForm({
  campaign,
  onDone,
  onCancel,
}: {
  campaign: Campaign;
  onDone(promo: Promo): void;
  onCancel(): void;
}) {
  const queryClient = useQueryClient();
  const links = useQuery(promoLinksQuery(campaign.brand_id, campaign.affiliate_id)).data?.data ?? [];
  // Only the banners the affiliate may use: public ones and those opened to it.
  const banners = (useQuery(promoMediaQuery(campaign.brand_id)).data?.data ?? []).filter(
    (m) => m.is_public || m.affiliate_ids.includes(campaign.affiliate_id),
  );
  const sources = (useQuery(trafficSourcesQuery).data?.data ?? []).filter((s) => s.status === 'active');
  const linkOptions = links.map((l) => ({ value: String(l.id), label: l.name }));
  const errors = useFormErrors(FIELDS, { destination_link_id: linkOptions });
  const [linkId, setLinkId] = useState('');
  const [mediaId, setMediaId] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [title, setTitle] = useState('');

  const add = useMutation({
    mutationFn: () =>
      createPromo(campaign.id, {
        destination_link_id: Number(linkId),
        media_id: mediaId ? Number(mediaId) : null,
        traffic_source_id: sourceId ? Number(sourceId) : null,
        ...(title.trim() ? { title } : {}),
      }),
    onSuccess: async (promo) => {
      await queryClient.invalidateQueries({ queryKey: ['promos'] });
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      onDone(promo);
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (!linkId) errors.setField('destination_link_id', 'choose the landing the link goes to');
    else add.mutate();
  }

  const changed = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    errors.clear(path);
  };
  return (
    <form className="panel form campaign-form" onSubmit={submit} noValidate aria-label="Add a promo">
      <h2>Add a promo</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <SelectField
        id={errors.idOf('destination_link_id')}
        label="Landing"
        value={linkId}
        empty="Choose a landing"
        options={linkOptions}
        onChange={changed('destination_link_id', setLinkId)}
        error={errors.field('destination_link_id')}
      />
      {links.length === 0 && (
        <p className="hint">No enabled destination link of this brand is open to this affiliate yet.</p>
      )}
      <SelectField
        id={errors.idOf('media_id')}
        label="Banner"
        value={mediaId}
        empty="None: a direct (text) link"
        options={banners.map((m) => ({ value: String(m.id), label: m.title }))}
        onChange={changed('media_id', setMediaId)}
        error={errors.field('media_id')}
      />
      <SelectField
        id={errors.idOf('traffic_source_id')}
        label="Traffic source"
        value={sourceId}
        empty="Not set (can be set once later)"
        options={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        onChange={changed('traffic_source_id', setSourceId)}
        error={errors.field('traffic_source_id')}
      />
      <TextField
        id={errors.idOf('title')}
        label="Title"
        value={title}
        maxLength={200}
        onChange={changed('title', setTitle)}
        hint="Empty: the landing’s name"
        error={errors.field('title')}
      />
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add promo'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
