import type { Db } from '../../db/index.ts';
import { brandContactRows, CONTACT_FIELDS, type ContactDetails, toBrandContacts } from './brand-contacts.ts';

export interface AffiliateContacts {
  /** Each enabled brand with at least one detail given. */
  brands: ({ brand: { id: number; name: string } } & ContactDetails)[];
  /** The affiliate's own account manager, when it has an active one. */
  manager: { name: string; email: string } | null;
}

/** What the portal's Contacts page shows one affiliate: each brand's team and its own manager. */
export async function getAffiliateContacts({
  db,
  affiliateId,
}: {
  db: Db;
  affiliateId: number;
}): Promise<AffiliateContacts> {
  const [rows, manager] = await Promise.all([
    brandContactRows(db).where('b.enabled', '=', true).execute(),
    db
      .selectFrom('affiliates as a')
      .innerJoin('staff_users as s', 's.id', 'a.account_manager_id')
      .select(['s.name', 's.email'])
      .where('a.id', '=', affiliateId)
      .where('s.status', '=', 'active')
      .executeTakeFirst(),
  ]);
  const brands = rows
    .map(toBrandContacts)
    .filter((c) => CONTACT_FIELDS.some((f) => c[f] !== ''))
    .map(({ updated_at: _u, ...c }) => c);
  return { brands, manager: manager ?? null };
}
