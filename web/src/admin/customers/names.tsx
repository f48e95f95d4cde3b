import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { affiliateNamesQuery, brandsQuery } from '../tracking/api.ts';

export interface Names {
  brand(id: number): string;
  affiliate(id: number): string | undefined;
}

/**
 * The names of the brands and affiliates a list points at: events and customers carry ids only,
 * so the brands (few) are read once and the affiliates shown are looked up in one search.
 */
export function useNames(affiliateIds: readonly (number | null)[]): Names {
  const brands = useQuery(brandsQuery).data?.data;
  const ids = affiliateIds.filter((id): id is number => id !== null);
  const affiliates = useQuery(affiliateNamesQuery(ids)).data;
  return {
    brand: (id) => brands?.find((b) => b.id === id)?.name ?? `Brand #${id}`,
    affiliate: (id) => affiliates?.[id],
  };
}

/** Who a customer or event belongs to: the affiliate's page, or a mark that nobody does yet. */
export function Owner({ id, names }: { id: number | null; names: Names }) {
  if (id === null) return <span className="badge badge-warn">unattributed</span>;
  return (
    <Link to="/admin/affiliates/$id" params={{ id: String(id) }}>
      {names.affiliate(id) ?? `Affiliate #${id}`}
    </Link>
  );
}

/** A customer's or event's fraud state: held (commissions wait for review) and each rule it matched. */
export function FraudMarks({ flags, held }: { flags: readonly string[]; held: boolean }) {
  if (!held && flags.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {held && <span className="badge badge-bad">held</span>}{' '}
      {flags.map((flag) => (
        <span key={flag} className="tag tag-flag">
          {flag.replaceAll('_', ' ')}
        </span>
      ))}
    </>
  );
}
