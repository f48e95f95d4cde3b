import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';

type Promo = components['schemas']['Promo'];
type Banner = components['schemas']['Media'];
interface Source {
  id: number;
  name: string;
}

const SUB_IDS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;

/** The tracking link with sub-ids added: `…/c/k3x9?sub1=sidebar&sub2=spring`. */
export function withSubIds(link: string, subs: Partial<Record<string, string>>): string {
  const url = new URL(link);
  for (const key of SUB_IDS) {
    const value = subs[key]?.trim();
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** The impression pixel of a tracking link: `/i/<code>` beside `/c/<code>`. */
const pixelOf = (link: string) => {
  const url = new URL(link);
  url.pathname = url.pathname.replace(/\/c\/([^/]+)$/, '/i/$1');
  return url.toString();
};

const attr = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The HTML a site pastes: the banner linked to the tracking link, and the pixel that counts views. */
export function embedCode(promo: Pick<Promo, 'tracking_link' | 'title'>, banner: Banner): string {
  const size = banner.width && banner.height ? ` width="${banner.width}" height="${banner.height}"` : '';
  return [
    `<a href="${attr(promo.tracking_link)}" target="_blank" rel="sponsored noopener">`,
    `<img src="${attr(banner.url)}" alt="${attr(banner.title)}"${size} /></a>`,
    `<img src="${attr(pixelOf(promo.tracking_link))}" width="1" height="1" alt="" style="display:none" />`,
  ].join('');
}

interface PromoCardProps {
  promo: Promo;
  /** The banners the affiliate may use for the campaign's brand; a promo's banner is named from them. */
  banners: readonly Banner[];
  sources: readonly Source[];
  /** Promos of an archived campaign cannot change. */
  readOnly: boolean;
  /** More about the promo under its facts (its click counts). */
  children?: ReactNode;
}

/** One promo: its tracking link to copy, its banner's embed code, a link builder for sub-ids. */
export function PromoCard({ promo, banners, sources, readOnly, children }: PromoCardProps) {
  const banner = banners.find((b) => b.id === promo.media_id);
  const source = sources.find((s) => s.id === promo.traffic_source_id);
  return (
    <article className="card promo-card" data-testid="promo-card">
      <h3>{promo.title}</h3>
      <p>
        Tracking link: <code data-testid="tracking-link">{promo.tracking_link}</code>{' '}
        <CopyButton text={promo.tracking_link} />
      </p>
      <p className="muted">
        Code {promo.code} ·{' '}
        {promo.media_id === null ? 'direct link' : `banner “${banner?.title ?? `#${promo.media_id}`}”`} ·
        traffic source{' '}
        {promo.traffic_source_id === null ? 'not set' : (source?.name ?? `#${promo.traffic_source_id}`)}
      </p>
      {promo.traffic_source_id === null && !readOnly && sources.length > 0 && (
        <AddTrafficSource promo={promo} sources={sources} />
      )}
      {children}
      {banner && <EmbedCode code={embedCode(promo, banner)} banner={banner} />}
      <SubIdBuilder link={promo.tracking_link} />
    </article>
  );
}

function EmbedCode({ code, banner }: { code: string; banner: Banner }) {
  const id = useId();
  return (
    <details className="promo-tool">
      <summary>Banner HTML</summary>
      <img className="banner-preview" src={banner.url} alt={banner.title} />
      <label htmlFor={id}>HTML embed code</label>
      <textarea id={id} readOnly rows={4} value={code} onFocus={(event) => event.target.select()} />
      <CopyButton text={code} />
      <p className="hint">
        Paste it into your page: the banner links to your tracking link, and views are counted.
      </p>
    </details>
  );
}

function SubIdBuilder({ link }: { link: string }) {
  const id = useId();
  const [subs, setSubs] = useState<Record<string, string>>({});
  const built = withSubIds(link, subs);
  return (
    <details className="promo-tool">
      <summary>Build a link with sub-ids</summary>
      <p className="hint">
        Sub-ids tell your placements apart (a page, an ad, a visitor id of your tracker): each click keeps
        them, and the click log and reports show them.
      </p>
      <div className="sub-ids">
        {SUB_IDS.map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`${id}-${key}`}>{key}</label>
            <input
              id={`${id}-${key}`}
              type="text"
              maxLength={255}
              value={subs[key] ?? ''}
              onChange={(event) => setSubs((current) => ({ ...current, [key]: event.target.value }))}
            />
          </div>
        ))}
      </div>
      <p>
        <code data-testid="built-link">{built}</code> <CopyButton text={built} />
      </p>
    </details>
  );
}

/** The traffic source a promo left empty, set once: it can never change afterwards. */
function AddTrafficSource({ promo, sources }: { promo: Promo; sources: readonly Source[] }) {
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState('');
  const [asking, setAsking] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/partner/v1/promos/{id}', {
          params: { path: { id: promo.id } },
          body: { traffic_source_id: Number(choice) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'campaigns'] }),
  });
  const chosen = sources.find((s) => String(s.id) === choice);
  return (
    <div className="row add-source">
      <SelectField
        label="Add a traffic source"
        value={choice}
        empty="Choose…"
        options={sources.map((s) => ({ value: String(s.id), label: s.name }))}
        onChange={setChoice}
      />
      <button
        type="button"
        className="button-secondary"
        disabled={!choice || save.isPending}
        onClick={() => setAsking(true)}
      >
        Set traffic source
      </button>
      <FormSummary message={save.error?.message ?? null} />
      {asking && chosen && (
        <ConfirmDialog
          title={`Set ${chosen.name} as the traffic source of ${promo.title}?`}
          confirmLabel="Set it for good"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            save.mutate();
          }}
        >
          <p>A promo’s traffic source cannot be changed once set. For another source, add another promo.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
