import type { Db } from '../../db/index.ts';
import { type BrandContacts, brandContactRows, toBrandContacts } from './brand-contacts.ts';

/** Every brand's contact details for the back office, disabled brands included. */
export async function listBrandContacts({ db }: { db: Db }): Promise<BrandContacts[]> {
  return (await brandContactRows(db).execute()).map(toBrandContacts);
}
