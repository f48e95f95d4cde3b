// @internal: reading entries back as the API shows them
import type { Db } from '../../db/index.ts';
import type { LedgerAccountKind, LedgerCause } from '../../db/tables/ledger.ts';
import type { ActorType } from '../actor.ts';

export interface PostingView {
  id: number;
  account: { id: number; kind: LedgerAccountKind; affiliate_id: number | null; brand_id: number | null };
  currency: string;
  amount: bigint;
  balance_after: bigint;
}

export interface EntryView {
  id: number;
  cause: LedgerCause;
  cause_reference: string | null;
  step: string | null;
  affiliate_id: number | null;
  reference: string;
  memo: string;
  fx_rate: string | null;
  actor: { type: ActorType; id: number | null; name: string };
  created_at: Date;
  postings: PostingView[];
}

/** Entries with their postings, in the order of `ids`. */
export async function loadEntries(db: Db, ids: (number | bigint)[]): Promise<EntryView[]> {
  if (!ids.length) return [];
  const wanted = ids.map((id) => BigInt(id));
  const entries = await db.selectFrom('ledger_entries').selectAll().where('id', 'in', wanted).execute();
  const postings = await db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .select([
      'p.id',
      'p.entry_id',
      'p.account_id',
      'a.kind',
      'a.affiliate_id',
      'a.brand_id',
      'p.currency',
      'p.amount',
      'p.balance_after',
    ])
    .where('p.entry_id', 'in', wanted)
    .orderBy('p.id')
    .execute();
  const byEntry = new Map<string, PostingView[]>();
  for (const p of postings) {
    const list = byEntry.get(String(p.entry_id)) ?? [];
    list.push({
      id: Number(p.id),
      account: { id: p.account_id, kind: p.kind, affiliate_id: p.affiliate_id, brand_id: p.brand_id },
      currency: p.currency,
      amount: p.amount,
      balance_after: p.balance_after,
    });
    byEntry.set(String(p.entry_id), list);
  }
  const views = new Map(
    entries.map((e) => [
      String(e.id),
      {
        id: Number(e.id),
        cause: e.cause,
        cause_reference: e.cause_reference,
        step: e.step,
        affiliate_id: e.affiliate_id,
        reference: e.reference,
        memo: e.memo,
        fx_rate: e.fx_rate,
        actor: { type: e.actor_type, id: e.actor_id, name: e.actor_name },
        created_at: e.created_at,
        postings: byEntry.get(String(e.id)) ?? [],
      } satisfies EntryView,
    ]),
  );
  return wanted.flatMap((id) => views.get(String(id)) ?? []);
}
