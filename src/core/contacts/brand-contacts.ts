import type { Db } from '../../db/index.ts';

export const CONTACT_FIELDS = ['email', 'phone', 'skype', 'telegram', 'whatsapp', 'note'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** How affiliates reach one brand's program team; empty strings are details not given. */
export type ContactDetails = Record<ContactField, string>;

export interface BrandContacts extends ContactDetails {
  brand: { id: number; name: string };
  updated_at: Date | null;
}

/** Every brand with its contact details (empty until the operator sets them), by brand name. */
export function brandContactRows(db: Db) {
  return db
    .selectFrom('brands as b')
    .leftJoin('brand_contacts as c', 'c.brand_id', 'b.id')
    .select([
      'b.id',
      'b.name',
      'b.enabled',
      'c.email',
      'c.phone',
      'c.skype',
      'c.telegram',
      'c.whatsapp',
      'c.note',
      'c.updated_at',
    ])
    .orderBy('b.name')
    .orderBy('b.id');
}

type Row = Awaited<ReturnType<ReturnType<typeof brandContactRows>['execute']>>[number];

export function toBrandContacts(row: Row): BrandContacts {
  return {
    brand: { id: row.id, name: row.name },
    email: row.email ?? '',
    phone: row.phone ?? '',
    skype: row.skype ?? '',
    telegram: row.telegram ?? '',
    whatsapp: row.whatsapp ?? '',
    note: row.note ?? '',
    updated_at: row.updated_at,
  };
}
