// @internal: a batch's payee details as copied into its cash-outs
import type { Db } from '../../../db/index.ts';

export async function rawDetails(db: Db, batchId: number): Promise<Map<number, Record<string, string>>> {
  const rows = await db
    .selectFrom('cash_outs')
    .select(['id', 'payment_details'])
    .where('payout_batch_id', '=', batchId)
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      Object.fromEntries(Object.entries(r.payment_details).map(([k, v]) => [k, String(v)])),
    ]),
  );
}
