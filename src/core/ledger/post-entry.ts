import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { LedgerCause } from '../../db/tables/ledger.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { AppError } from '../errors.ts';
import { formatWithUnit, minorUnitOf } from '../reference/money-format.ts';
import { type AccountRef, accountKey, isAffiliateKind, lockAccounts } from './accounts.ts';
import { type EntryView, loadEntries } from './entry-view.ts';

export type { AccountRef } from './accounts.ts';
export type { EntryView, PostingView } from './entry-view.ts';

export interface PostingInput {
  account: AccountRef;
  /** Signed minor units of the account's currency: positive credits an affiliate's balance. */
  amount: bigint;
}

export interface PostEntryOptions {
  db: Db;
  actor: Actor;
  cause: LedgerCause;
  /**
   * Unique for ever: the caller's idempotency reference (`fund:<order_id>`) or the cause's step
   * (`bill:42:approved`, `cash_out:17:accepted`). Posting the same reference again answers the
   * entry already written (replayed), never a second one.
   */
  reference: string;
  /** What was asked, hashed: a second call with the reference but another hash is a 409. */
  requestHash?: string | null;
  affiliateId?: number | null;
  causeReference?: string | null;
  step?: string | null;
  /** Shown to the affiliate. */
  memo?: string;
  /** FX entries: 1 unit of the debited currency = fxRate of the credited one. */
  fxRate?: string | null;
  postings: PostingInput[];
}

export interface PostedEntry {
  entry: EntryView;
  replayed: boolean;
}

/**
 * The one way money moves. In the caller's transaction (or its own): takes the reference's
 * advisory lock (a concurrent twin waits, then finds this entry), answers an earlier entry with the
 * same reference, then creates and locks the accounts in id order, refuses with 409
 * `insufficient_funds` a posting that would take an affiliate's balance below zero, and writes the
 * entry, its postings (each with the balance after it), the balances and the days the closing job
 * must recompute. The database checks at commit that the entry balances per currency.
 */
export async function postEntry(options: PostEntryOptions): Promise<PostedEntry> {
  checkPostings(options.postings);
  return inTransaction(options.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`ledger:${options.reference}`}, 0))`.execute(
      trx,
    );
    const earlier = await trx
      .selectFrom('ledger_entries')
      .select(['id', 'request_hash'])
      .where('reference', '=', options.reference)
      .executeTakeFirst();
    if (earlier) {
      if ((earlier.request_hash ?? null) !== (options.requestHash ?? null)) {
        throw new AppError(
          'idempotency_conflict',
          'this reference was already used for a different request',
          { reference: options.reference, entry_id: Number(earlier.id) },
        );
      }
      const [entry] = await loadEntries(trx, [earlier.id]);
      return { entry: entry!, replayed: true };
    }

    const accounts = await lockAccounts(
      trx,
      options.postings.map((p) => p.account),
    );
    const balances = new Map<string, bigint>();
    const shortfalls: { kind: string; currency: string; before: bigint; requested: bigint }[] = [];
    const postings = options.postings.map((p) => {
      const key = accountKey(p.account);
      const account = accounts.get(key)!;
      const before = balances.get(key) ?? account.balance;
      const after = before + p.amount;
      if (after < 0n && isAffiliateKind(account.kind))
        shortfalls.push({ kind: account.kind, currency: account.currency, before, requested: -p.amount });
      balances.set(key, after);
      return { account_id: account.id, currency: account.currency, amount: p.amount, balance_after: after };
    });
    const short = shortfalls[0];
    if (short) {
      const { kind, currency, before, requested } = short;
      // In the words the affiliate reads: major units of the currency.
      const minorUnit = await minorUnitOf(trx, currency);
      throw new AppError(
        'insufficient_funds',
        `the ${kind.replace('_', ' ')} balance is ${formatWithUnit(before, currency, minorUnit)}, which does not cover ${formatWithUnit(requested, currency, minorUnit)}`,
        { account: kind, currency, balance: Number(before), requested: Number(requested) },
      );
    }

    const now = new Date();
    const entry = await trx
      .insertInto('ledger_entries')
      .values({
        cause: options.cause,
        cause_reference: options.causeReference ?? null,
        step: options.step ?? null,
        affiliate_id: options.affiliateId ?? null,
        reference: options.reference,
        request_hash: options.requestHash ?? null,
        memo: options.memo ?? '',
        fx_rate: options.fxRate ?? null,
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('ledger_postings')
      .values(postings.map((p) => ({ ...p, entry_id: entry.id, created_at: now })))
      .execute();
    for (const [key, balance] of balances) {
      await trx
        .updateTable('ledger_accounts')
        .set({ balance, updated_at: now })
        .where('id', '=', accounts.get(key)!.id)
        .execute();
    }
    const day = now.toISOString().slice(0, 10);
    await trx
      .insertInto('ledger_dirty_days')
      .values([...balances.keys()].map((key) => ({ account_id: accounts.get(key)!.id, day })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const [view] = await loadEntries(trx, [entry.id]);
    return { entry: view!, replayed: false };
  });
}

/** A programming error, not a user's: the database would refuse the entry at commit anyway. */
function checkPostings(postings: PostingInput[]): void {
  if (postings.length < 2) throw new Error('a ledger entry needs at least two postings');
  const sums = new Map<string, bigint>();
  for (const p of postings) {
    if (p.amount === 0n) throw new Error('a posting moves a non-zero amount');
    sums.set(p.account.currency, (sums.get(p.account.currency) ?? 0n) + p.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new Error(`ledger postings do not balance in ${currency}: ${sum}`);
  }
}
