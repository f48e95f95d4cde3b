import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { todayUtc } from '../reference/dates.ts';

const yesterday = (now = new Date()) => todayUtc(new Date(now.getTime() - 86_400_000));

/**
 * Writes the closing balances of every account whose days up to `through` (yesterday, UTC, by
 * default) are marked as touched: from its earliest touched day on, each day it moved closes at
 * the sum of all its postings to the end of that day. An entry booked after its day was closed
 * marked that day again, so the next run rewrites it and the days after. Each account is locked
 * while it is worked out, so an entry committing meanwhile waits and marks its day afterwards.
 */
export async function closeLedgerDays(options: {
  db: Db;
  through?: string;
}): Promise<{ accounts: number; days: number }> {
  const through = options.through ?? yesterday();
  const dirty = await options.db
    .selectFrom('ledger_dirty_days')
    .select(['account_id', (eb) => eb.fn.min('day').as('from')])
    .where('day', '<=', through)
    .groupBy('account_id')
    .orderBy('account_id')
    .execute();
  let days = 0;
  for (const { account_id } of dirty) {
    days += await inTransaction(options.db, async (trx) => {
      const account = await trx
        .selectFrom('ledger_accounts')
        .select(['id', 'kind'])
        .where('id', '=', account_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const marked = await trx
        .selectFrom('ledger_dirty_days')
        .select((eb) => eb.fn.min('day').as('from'))
        .where('account_id', '=', account_id)
        .where('day', '<=', through)
        .executeTakeFirst();
      if (!marked?.from) return 0;
      const affiliate = ['available', 'reserved', 'on_hold'].includes(account.kind);
      const written = await sql`
        insert into ledger_closing_balances
          (account_id, day, currency, closing_balance, credits, debits, payout_amount, computed_at)
        select account_id, day, currency, closing, credits, debits, payout, now() from (
          select p.account_id, (p.created_at at time zone 'UTC')::date as day, p.currency,
            sum(sum(p.amount)) over (order by (p.created_at at time zone 'UTC')::date) as closing,
            coalesce(sum(p.amount) filter (where p.amount > 0), 0) as credits,
            coalesce(-sum(p.amount) filter (where p.amount < 0), 0) as debits,
            case when ${affiliate} then coalesce(-sum(p.amount) filter (
              where e.cause = 'cash_out' and e.step in ('accepted', 'refunded')), 0) else 0 end as payout
          from ledger_postings p join ledger_entries e on e.id = p.entry_id
          where p.account_id = ${account_id}
            and (p.created_at at time zone 'UTC')::date <= ${through}::date
          group by p.account_id, (p.created_at at time zone 'UTC')::date, p.currency
        ) t
        where day >= ${marked.from}::date
        on conflict (account_id, day) do update set closing_balance = excluded.closing_balance,
          credits = excluded.credits, debits = excluded.debits, payout_amount = excluded.payout_amount,
          computed_at = excluded.computed_at`.execute(trx);
      await trx
        .deleteFrom('ledger_dirty_days')
        .where('account_id', '=', account_id)
        .where('day', '<=', through)
        .execute();
      return Number(written.numAffectedRows ?? 0n);
    });
  }
  return { accounts: dirty.length, days };
}
