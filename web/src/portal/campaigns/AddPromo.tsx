import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { bannersQuery, promoOptionsQuery } from './queries.ts';

/**
 * The seed's three steps: (1) traffic source and landing, (2) a banner or a direct link,
 * (3) finish. The traffic source may stay empty and be set once later.
 */
export function AddPromo({
  campaignId,
  brandId,
  onDone,
}: {
  campaignId: number;
  brandId: number;
  onDone(): void;
}) {
  const options = useQuery(promoOptionsQuery(campaignId));
  const banners = useQuery(bannersQuery(brandId));
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [audience, setAudience] = useState<'players' | 'sub_affiliates'>('players');
  const [sourceId, setSourceId] = useState('');
  const [linkId, setLinkId] = useState('');
  const [mediaId, setMediaId] = useState('');
  const [title, setTitle] = useState('');
  const queryClient = useQueryClient();
  const links = options.data?.destination_links.filter((l) => l.audience === audience) ?? [];
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/campaigns/{id}/promos', {
          params: { path: { id: campaignId } },
          body: {
            destination_link_id: Number(linkId),
            traffic_source_id: sourceId ? Number(sourceId) : null,
            media_id: mediaId ? Number(mediaId) : null,
            ...(title ? { title } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['portal', 'campaigns'] });
      onDone();
    },
  });

  return (
    <section className="panel" aria-label="Add promo">
      <h2>Add promo — step {step} of 3</h2>
      <FormSummary message={(create.error ?? options.error)?.message ?? null} />
      {step === 1 && (
        <>
          <div className="field">
            <label htmlFor="promo-source">Traffic source</label>
            <select id="promo-source" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              <option value="">— none yet (can be set once later) —</option>
              {options.data?.traffic_sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <p className="hint">Once indicated, the traffic source cannot be changed.</p>
          </div>
          <div className="field">
            <label htmlFor="promo-audience">Target audience</label>
            <select
              id="promo-audience"
              value={audience}
              onChange={(e) => setAudience(e.target.value as 'players' | 'sub_affiliates')}
            >
              <option value="players">Players</option>
              <option value="sub_affiliates">Sub-affiliates</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="promo-landing">Landing URL</label>
            <select id="promo-landing" value={linkId} onChange={(e) => setLinkId(e.target.value)}>
              <option value="">— choose a landing —</option>
              {links.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" disabled={!linkId} onClick={() => setStep(2)}>
            Next
          </button>
        </>
      )}
      {step === 2 && (
        <>
          <fieldset className="field">
            <legend>Banner</legend>
            <label>
              <input type="radio" name="banner" checked={mediaId === ''} onChange={() => setMediaId('')} />{' '}
              Direct link (no banner)
            </label>
            {banners.data?.data.map((m) => (
              <label key={m.id}>
                <input
                  type="radio"
                  name="banner"
                  checked={mediaId === String(m.id)}
                  onChange={() => setMediaId(String(m.id))}
                />{' '}
                <img src={m.url} alt={m.title} height={40} /> {m.title} ({m.width}×{m.height})
              </label>
            ))}
          </fieldset>
          <button type="button" className="button-secondary" onClick={() => setStep(1)}>
            Back
          </button>{' '}
          <button type="button" onClick={() => setStep(3)}>
            Next
          </button>
        </>
      )}
      {step === 3 && (
        <>
          <TextField label="Promo title" value={title} onChange={setTitle} maxLength={200} hint="Optional" />
          <button type="button" className="button-secondary" onClick={() => setStep(2)}>
            Back
          </button>{' '}
          <button type="button" disabled={create.isPending} onClick={() => create.mutate()}>
            Finish
          </button>
        </>
      )}
    </section>
  );
}
