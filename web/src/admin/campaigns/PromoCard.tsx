import type { ReactNode } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import type { DestinationLink, Media } from '../tracking/api.ts';
import type { Promo } from './api.ts';
import { PromoEnabledToggle } from './PromoEnabledToggle.tsx';

interface PromoCardProps {
  promo: Promo;
  link?: DestinationLink;
  banner?: Media;
  source?: string;
  /** Promos of an archived campaign cannot change. */
  readOnly: boolean;
  children?: ReactNode;
}

/** One promo: its tracking link to copy, where it lands, its banner and traffic source. */
export function PromoCard({ promo, link, banner, source, readOnly, children }: PromoCardProps) {
  return (
    <article className="card promo-card" data-testid="promo-card" aria-label={`Promo ${promo.title}`}>
      <h3>
        {promo.title} {!promo.enabled && <span className="badge badge-bad">disabled</span>}
      </h3>
      <p>
        Tracking link: <code data-testid="tracking-link">{promo.tracking_link}</code>{' '}
        <CopyButton text={promo.tracking_link} />
      </p>
      <p>
        Lands on{' '}
        {link ? (
          <>
            {link.name} <span className="muted url-cell">{link.url}</span>
          </>
        ) : (
          `destination link #${promo.destination_link_id}`
        )}
      </p>
      <p className="muted">
        Code {promo.code} ·{' '}
        {promo.media_id === null ? 'direct link' : `banner “${banner?.title ?? `#${promo.media_id}`}”`} ·
        traffic source{' '}
        {promo.traffic_source_id === null ? 'not set' : (source ?? `#${promo.traffic_source_id}`)}
      </p>
      {banner && <img className="promo-banner" src={banner.url} alt={banner.title} loading="lazy" />}
      {children}
      {!readOnly && (
        <div className="actions">
          <PromoEnabledToggle promo={promo} />
        </div>
      )}
    </article>
  );
}
