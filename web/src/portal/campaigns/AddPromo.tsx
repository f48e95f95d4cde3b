import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { bannersQuery, promoOptionsQuery } from './queries.ts';

const AUDIENCES = [
  { value: 'players', label: 'Players' },
  { value: 'sub_affiliates', label: 'Sub-affiliates' },
] as const;
type Audience = (typeof AUDIENCES)[number]['value'];

const STEPS = ['Traffic source and landing', 'Banner or direct link', 'Check and finish'];

/**
 * The seed's steps: (1) traffic source and landing, (2) a banner or a direct link, then (3) what
 * the promo will be, in one summary, with its title, before Finish. The traffic source may stay
 * empty and be added once later, on the promo.
 */
export function AddPromo({
  campaignId,
  campaignName,
  brandId,
  onDone,
}: {
  campaignId: number;
  campaignName: string;
  brandId: number;
  onDone(): void;
}) {
  const options = useQuery(promoOptionsQuery(campaignId));
  const banners = useQuery(bannersQuery(brandId));
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [audience, setAudience] = useState<Audience>('players');
  const [sourceId, setSourceId] = useState('');
  const [linkId, setLinkId] = useState('');
  const [mediaId, setMediaId] = useState('');
  const [title, setTitle] = useState('');
  const queryClient = useQueryClient();
  const sources = options.data?.traffic_sources ?? [];
  const links = options.data?.destination_links.filter((l) => l.audience === audience) ?? [];
  const source = sources.find((s) => String(s.id) === sourceId);
  const link = options.data?.destination_links.find((l) => String(l.id) === linkId);
  const banner = banners.data?.data.find((m) => String(m.id) === mediaId);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/partner/v1/campaigns/{id}/promos', {
          params: { path: { id: campaignId } },
          body: {
            destination_link_id: Number(linkId),
            traffic_source_id: sourceId ? Number(sourceId) : null,
            media_id: mediaId ? Number(mediaId) : null,
            ...(title.trim() ? { title: title.trim() } : {}),
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
      <h2>
        Add promo — step {step} of 3: {STEPS[step - 1]}
      </h2>
      <FormSummary message={(create.error ?? options.error)?.message ?? null} />
      {step === 1 && (
        <div className="form">
          {sources.length > 0 ? (
            <div className="field">
              <SelectField
                label="Traffic source"
                value={sourceId}
                empty="None yet: add it later on the promo"
                options={sources.map((s) => ({ value: String(s.id), label: s.name }))}
                onChange={setSourceId}
              />
              <p className="hint">
                {source?.description ? `${source.description} ` : ''}
                Once set, the traffic source cannot be changed; one traffic source per tracking link.
              </p>
            </div>
          ) : (
            <p className="muted">
              The program offers no traffic sources yet. The promo works without one; you can add it later,
              once, on the promo.
            </p>
          )}
          <SelectField
            label="Target audience"
            value={audience}
            options={AUDIENCES}
            onChange={(value) => {
              setAudience(value as Audience);
              setLinkId('');
            }}
          />
          <SelectField
            label="Landing URL"
            value={linkId}
            empty="Choose a landing"
            options={links.map((l) => ({ value: String(l.id), label: l.name }))}
            onChange={setLinkId}
          />
          {options.data && links.length === 0 && (
            <p className="muted">
              {audience === 'players'
                ? 'This brand has no landings for players you may use.'
                : 'No sub-affiliate landings: the program may not have a sub-affiliate plan.'}
            </p>
          )}
          <div className="actions">
            <button type="button" disabled={!linkId} onClick={() => setStep(2)}>
              Next
            </button>
          </div>
        </div>
      )}
      {step === 2 && (
        <div className="form">
          <fieldset className="field banner-choices">
            <legend>Banner</legend>
            <label className="banner-choice">
              <input type="radio" name="banner" checked={mediaId === ''} onChange={() => setMediaId('')} />{' '}
              Direct link (no banner)
            </label>
            {banners.data?.data.map((m) => (
              <label key={m.id} className="banner-choice">
                <input
                  type="radio"
                  name="banner"
                  checked={mediaId === String(m.id)}
                  onChange={() => setMediaId(String(m.id))}
                />{' '}
                <img src={m.url} alt="" height={40} /> {m.title}
                {m.width && m.height ? (
                  <span className="muted">
                    {' '}
                    · {m.width}×{m.height}
                  </span>
                ) : null}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="button" className="button-secondary" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="button" onClick={() => setStep(3)}>
              Next
            </button>
          </div>
        </div>
      )}
      {step === 3 && (
        <div className="form">
          <dl className="facts promo-summary" data-testid="promo-summary">
            <Fact label="Campaign">{campaignName}</Fact>
            <Fact label="Traffic source">
              {source ? `${source.name} (cannot be changed later)` : 'None yet: you can add it once, later'}
            </Fact>
            <Fact label="Target audience">{AUDIENCES.find((a) => a.value === audience)?.label}</Fact>
            <Fact label="Landing">
              {link?.name}
              {link && <span className="muted"> · {hostOf(link.url)}</span>}
            </Fact>
            <Fact label="Banner">
              {banner ? (
                <>
                  <img src={banner.url} alt="" height={40} /> {banner.title}
                </>
              ) : (
                'Direct link (no banner)'
              )}
            </Fact>
          </dl>
          <TextField
            label="Promo title"
            value={title}
            onChange={setTitle}
            maxLength={200}
            hint={`Optional: how you find it among your promos. Empty: ${link?.name ?? 'the landing’s name'}.`}
          />
          <div className="actions">
            <button type="button" className="button-secondary" onClick={() => setStep(2)}>
              Back
            </button>
            <button type="button" disabled={create.isPending} onClick={() => create.mutate()}>
              {create.isPending ? 'Creating…' : 'Finish'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** Where a landing leads, without its {{placeholders}}: "casino.example". */
function hostOf(url: string): string {
  try {
    return new URL(url.replace(/\{\{[^}]*\}\}/g, '')).host;
  } catch {
    return url;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
