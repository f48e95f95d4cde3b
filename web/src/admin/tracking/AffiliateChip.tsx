/** A chosen affiliate, named once the picker has its name, with a button to take it off the list. */
export function AffiliateChip({ id, name, onRemove }: { id: number; name?: string; onRemove(): void }) {
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
