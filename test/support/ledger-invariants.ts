import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/db/index.ts';

/**
 * The ledger's invariants, checked after every ledger test: every entry has two or more postings
 * that sum to zero per currency, every account's balance equals the sum of its postings, no
 * affiliate balance (available, reserved, on hold) is below zero, and the whole ledger sums to zero.
 */
export async function expectLedgerInvariants(db: Db): Promise<void> {
  const unbalanced = await sql<{ entry_id: string; currency: string; total: string; n: string }>`
    select e.id as entry_id, p.currency, coalesce(sum(p.amount), 0) as total, count(p.id) as n
    from ledger_entries e left join ledger_postings p on p.entry_id = e.id
    group by e.id, p.currency
    having coalesce(sum(p.amount), 0) <> 0 or count(p.id) < 1`.execute(db);
  expect(unbalanced.rows, 'entries that do not balance per currency').toEqual([]);
  const thin = await sql<{ entry_id: string }>`
    select e.id as entry_id from ledger_entries e left join ledger_postings p on p.entry_id = e.id
    group by e.id having count(p.id) < 2`.execute(db);
  expect(thin.rows, 'entries with fewer than two postings').toEqual([]);
  const drift = await sql<{ id: number; balance: string; postings: string }>`
    select a.id, a.balance, coalesce(sum(p.amount), 0) as postings
    from ledger_accounts a left join ledger_postings p on p.account_id = a.id
    group by a.id having a.balance <> coalesce(sum(p.amount), 0)`.execute(db);
  expect(drift.rows, 'accounts whose balance is not the sum of their postings').toEqual([]);
  const negative = await sql<{ id: number }>`
    select id from ledger_accounts where kind in ('available', 'reserved', 'on_hold') and balance < 0`.execute(
    db,
  );
  expect(negative.rows, 'affiliate balances below zero').toEqual([]);
  const total = await sql<{ currency: string; total: string }>`
    select currency, sum(amount) as total from ledger_postings group by currency having sum(amount) <> 0`.execute(
    db,
  );
  expect(total.rows, 'the ledger does not sum to zero').toEqual([]);
}
