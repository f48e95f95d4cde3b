import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError, type FieldError } from '../errors.ts';
import {
  type BrandContacts,
  brandContactRows,
  CONTACT_FIELDS,
  type ContactDetails,
  toBrandContacts,
} from './brand-contacts.ts';

const MAX: Record<keyof ContactDetails, number> = {
  email: 320,
  phone: 40,
  skype: 100,
  telegram: 100,
  whatsapp: 40,
  note: 2_000,
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,}$/;

/** Sets the fields given of a brand's contact details (an empty string removes one). */
export async function setBrandContacts({
  db,
  actor,
  brandId,
  input,
}: {
  db: Db;
  actor: Actor;
  brandId: number;
  input: Partial<ContactDetails>;
}): Promise<BrandContacts> {
  const set: Partial<ContactDetails> = {};
  const problems: FieldError[] = [];
  for (const field of CONTACT_FIELDS) {
    const value = input[field]?.trim();
    if (value === undefined) continue;
    if (value.length > MAX[field])
      problems.push({ path: field, message: `must be at most ${MAX[field]} characters` });
    else if (field === 'email' && value && !EMAIL.test(value))
      problems.push({ path: field, message: 'enter an email like name@example.com' });
    else if ((field === 'phone' || field === 'whatsapp') && value && !PHONE.test(value))
      problems.push({ path: field, message: 'enter a phone number like +31 20 123 4567' });
    set[field] = value;
  }
  if (problems.length > 0) throw AppError.validation(problems);
  return inTransaction(db, async (trx) => {
    const brand = await trx.selectFrom('brands').select('id').where('id', '=', brandId).executeTakeFirst();
    if (!brand) throw AppError.notFound('Brand');
    const now = new Date();
    await trx
      .insertInto('brand_contacts')
      .values({ brand_id: brandId, ...set, updated_at: now })
      .onConflict((oc) => oc.column('brand_id').doUpdateSet({ ...set, updated_at: now }))
      .execute();
    await recordOperatorChange(trx, {
      entity: 'brand_contacts',
      id: brandId,
      action: 'updated',
      actor,
      detail: { fields: Object.keys(set).sort() },
    });
    return toBrandContacts(await brandContactRows(trx).where('b.id', '=', brandId).executeTakeFirstOrThrow());
  });
}
