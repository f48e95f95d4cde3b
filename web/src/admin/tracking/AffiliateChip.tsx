import { useQuery } from '@tanstack/react-query';
import { affiliateNameQuery } from './api.ts';

/** A chosen affiliate, named once its profile loads, with a button to take it off the list. */
export function AffiliateChip({ id, onRemove }: { id: number; onRemove(): void }) {
  const name = useQuery(affiliateNameQuery(id)).data;
  const label = name ? `${name} #${id}` : `Affiliate #${id}`;
  return (
    <li className="chip">
      <span>{label}</span>
      <button type="button" className="link-button" onClick={onRemove} aria-label={`Remove ${label}`}>
        ×
      </button>
    </li>
  );
}
