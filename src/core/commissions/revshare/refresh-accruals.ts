// @internal: brings the accrual projection up to date; finalization and the preview call it.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/**
 * Works out again the (customer, day) accruals that events marked since the last refresh, from
 * the events and activity lines alone: the rows of a marked pair are replaced, nothing else is
 * read. One statement, so one snapshot: the marks it removes are those it saw, with the counts
 * it saw (a mark counted up by an event committed since is left for the next refresh, as is a
 * new one); an event marking a pair being removed waits for this transaction and marks it
 * afresh. The old rows are removed before the new ones are written (the insert reads `gone`).
 * Refreshes take turns (a transaction-level advisory lock). Returns how many pairs were worked out.
 */
export async function refreshAccruals(trx: Transaction<DB>): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('affluent.revshare_accruals'))`.execute(trx);
  const { rows } = await sql<{ n: number }>`
    with seen as (select customer_id, day, marks from revshare_dirty_days),
    claimed as (
      delete from revshare_dirty_days r using seen s
      where r.customer_id = s.customer_id and r.day = s.day and r.marks = s.marks
      returning r.customer_id, r.day),
    gone as (
      delete from revshare_accruals a using claimed d
      where a.customer_id = d.customer_id and a.day = d.day
      returning 1),
    fresh as (
      insert into revshare_accruals (customer_id, day, affiliate_id, campaign_id, brand_id, currency,
        bets, bet_count, wins, bonuses, jackpot_contributions, taxes, fees, chargebacks, adjustments,
        deposits, deposit_count, withdrawals)
      select e.customer_id, d.day, e.affiliate_id, e.campaign_id, e.brand_id, coalesce(l.currency, e.currency),
        coalesce(sum(l.bets), 0), coalesce(sum(l.bet_count), 0), coalesce(sum(l.wins), 0),
        coalesce(sum(l.bonuses), 0), coalesce(sum(l.jackpot_contributions), 0), coalesce(sum(l.taxes), 0),
        coalesce(sum(l.fees), 0),
        coalesce(sum(l.chargebacks), 0) + coalesce(sum(e.amount) filter (where e.type = 'chargeback'), 0),
        coalesce(sum(l.adjustments), 0),
        coalesce(sum(e.amount) filter (where e.type = 'deposit'), 0)
          - coalesce(sum(e.amount) filter (where e.type = 'refund'), 0),
        (count(*) filter (where e.type = 'deposit'))::integer,
        coalesce(sum(e.amount) filter (where e.type = 'withdrawal'), 0)
      from claimed d
      join events e on e.customer_id = d.customer_id
        and coalesce(e.period_end, (e.occurred_at at time zone 'UTC')::date) = d.day
      left join activity_lines l on l.event_id = e.id and e.type = 'activity'
      left join events o on o.id = e.original_id and e.type = 'refund'
      where (select count(*) from gone) >= 0
        and e.affiliate_id is not null
        and e.type in ('deposit', 'withdrawal', 'activity', 'chargeback', 'refund')
        and (e.type <> 'refund' or o.type = 'deposit')
        and coalesce(l.currency, e.currency) is not null
      group by e.customer_id, d.day, e.affiliate_id, e.campaign_id, e.brand_id, coalesce(l.currency, e.currency)
      returning 1)
    select (select count(*) from claimed)::integer as n, (select count(*) from fresh)::integer as written`.execute(
    trx,
  );
  return rows[0]?.n ?? 0;
}
