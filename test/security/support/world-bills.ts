import type { Db } from '../../../src/db/index.ts';

/**
 * A pending bill of the affiliate (10.00 EUR on the first brand, January 2026), written straight
 * to the table: the suites that use it check who may reach a bill, not how it was issued.
 */
export async function seedBill(db: Db, affiliateId: number): Promise<number> {
  const brand = await db.selectFrom('brands').select('id').orderBy('id').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('bills')
    .values({
      affiliate_id: affiliateId,
      brand_id: brand.id,
      plan_id: null,
      currency: 'EUR',
      period_start: '2026-01-01',
      period_end: '2026-01-31',
      issued_amount: 1000,
      amount_to_pay: 1000,
      issued_on: '2026-02-01',
      due_date: '2026-02-15',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // As a bill run leaves it: its issue in its history (what its statement is made of).
  await db
    .insertInto('bill_changes')
    .values({
      bill_id: row.id,
      action: 'issued',
      to_status: 'pending',
      issued_amount: 1000,
      actor_type: 'system',
    })
    .execute();
  return Number(row.id);
}
