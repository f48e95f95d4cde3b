import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { calculateCommissions, QUALIFYING } from './calculate-commissions.ts';
import { insertCommissions } from './commission-rows.ts';
import type { EngineCustomer, EngineEvent } from './engine-types.ts';
import { type EnginePlan, loadPlanLookup } from './plan-lookup.ts';

export type { EngineCustomer, EngineEvent } from './engine-types.ts';

/**
 * The commission engine: what the given events (recorded, in the caller's transaction) earn
 * their customers' affiliates under each customer's plan, written in one statement. CPL on the
 * registration (or on qualification, `qualified_only`), CPA when the customer meets the rules
 * (on whichever event it happens), sale share on sales and its claw-back on refunds and
 * chargebacks, the sub-affiliate CPA fee to the referrers. Every commission has a source_key
 * naming its cause, so running it again over the same events writes nothing new. Commissions
 * of a customer held by a fraud rule start on hold. Returns how many were written.
 */
export async function earnCommissions(options: {
  db: Db;
  actor: Actor;
  events: EngineEvent[];
  customers: EngineCustomer[];
  /** Customers these events created: nothing was earned for them before. */
  created?: Set<bigint>;
  /** To send the postbacks and webhooks of what is earned at once (else the sweeps do). */
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const customers = new Map(options.customers.filter((c) => c.affiliate_id !== null).map((c) => [c.id, c]));
  if (!customers.size || !options.events.length) return 0;
  return inTransaction(options.db, async (db) => {
    const planOf = await loadPlanLookup(db, [...customers.values()]);
    const current = new Map<bigint, EnginePlan>();
    for (const c of customers.values()) {
      const plan = planOf(c, now);
      if (plan) current.set(c.id, plan);
    }
    if (!current.size) return 0;
    // Which CPAs and CPLs were earned before, asked only where one could be earned now: a CPA for
    // a customer these events touch whose plan pays one, a CPL where the plan (now, or at a
    // registration) pays one, never for a customer these events created. Asking both keys of
    // every customer of a batch probed the unique index 1,100 times (10 to 16 ms per bench:events
    // batch; 4 to 7 ms now).
    const fresh = options.created ?? new Set<bigint>();
    const touched = new Set(options.events.filter((e) => QUALIFYING.has(e.type)).map((e) => e.customer_id));
    const cplAtRegistration = new Set(
      options.events.flatMap((e) => {
        const customer = e.type === 'registration' ? customers.get(e.customer_id) : undefined;
        return customer && planOf(customer, e.occurred_at)?.version.definition.cpl ? [e.customer_id] : [];
      }),
    );
    const keys = [...customers.keys()].flatMap((id) => {
      if (fresh.has(id)) return [];
      const plan = current.get(id)?.version.definition;
      return [
        ...(plan?.cpa && touched.has(id) ? [`cpa:${id}`] : []),
        ...(plan?.cpl || cplAtRegistration.has(id) ? [`cpl:${id}`] : []),
      ];
    });
    // One array parameter, not one per key: a batch has hundreds of keys.
    const existing = new Set(
      keys.length
        ? (
            await db
              .selectFrom('commissions')
              .select('source_key')
              .where(sql<boolean>`source_key = any(${keys}::text[])`)
              .execute()
          ).map((r) => r.source_key)
        : [],
    );
    const rows = await calculateCommissions(db, {
      events: options.events,
      customers,
      planOf,
      current,
      existing,
    });
    return insertCommissions(db, rows, { actor: options.actor, now, jobs: options.jobs });
  });
}
