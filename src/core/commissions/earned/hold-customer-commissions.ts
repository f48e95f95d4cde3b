import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { type Actor, actorColumns } from '../../actor.ts';

/**
 * A customer a fraud rule has just held: what it had already earned its affiliate and was not
 * yet billed (pending or approved) goes on hold with it, each move appended to the commission's
 * status changes with the rule as the reason, in the caller's transaction. The operator releases
 * or rejects them as any held commission; billed and paid ones stay as they are (a bill
 * correction takes those back). Returns how many were held.
 */
export async function holdCustomerCommissions(options: {
  db: Db;
  actor: Actor;
  /** Customer id → the fraud rules that held it. */
  customers: Map<bigint, string[]>;
  now: Date;
}): Promise<number> {
  if (!options.customers.size) return 0;
  const ids = [...options.customers.keys()].map(String);
  const reasons = [...options.customers.values()].map(
    (rules) => `customer held by fraud rule ${rules.join(', ')}`,
  );
  const actor = actorColumns(options.actor);
  const { rows } = await sql<{ n: number }>`
    with held as (select * from unnest(${ids}::bigint[], ${reasons}::text[]) as h(customer_id, reason)),
    target as (
      select c.id, c.status, held.reason from commissions c join held on held.customer_id = c.customer_id
      where c.status in ('pending', 'approved') order by c.id for update of c),
    moved as (
      update commissions c set status = 'on_hold' from target t where c.id = t.id
      returning c.id, t.status as from_status, t.reason),
    logged as (
      insert into commission_status_changes (commission_id, from_status, to_status, reason, actor_type, actor_id,
        actor_name, created_at)
      select id, from_status, 'on_hold', reason, ${actor.actor_type}, ${actor.actor_id}, ${actor.actor_name},
        ${options.now} from moved
      returning 1)
    select count(*)::int as n from logged`.execute(options.db);
  return rows[0]?.n ?? 0;
}
