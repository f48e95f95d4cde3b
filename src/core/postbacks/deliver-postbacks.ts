import { type Selectable, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { PostbackDeliveriesTable } from '../../db/tables/postbacks.ts';
import { inTransaction } from '../../db/transaction.ts';
import { queueEmail } from '../email/email-job.ts';
import { render } from '../email/layout.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DELIVER_JOB, MAX_IDS_PER_JOB } from './job-names.ts';
import { moveDeliveries } from './move-deliveries.ts';
import { DISABLE_AFTER_FAILURES } from './postback.ts';
import type { SendResult } from './send-request.ts';
import { inlineSender, type Sender } from './sender.ts';

/**
 * The fixed retry schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h
 * and 10 h after each failure; after the eighth failed attempt the delivery is failed.
 */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * What follows attempt number `attempt` (postbacks and the operator's webhooks alike): delivered
 * on success, else a retry at its time in the schedule, or failed once the schedule ran out. A
 * test is tried once; a replay after the schedule ran out, once more.
 */
export function nextStep(
  attempt: number,
  test: boolean,
  ok: boolean,
  attemptedAt: Date,
): { outcome: 'delivered' | 'retry' | 'failed'; next: Date | null } {
  const delay = test ? undefined : RETRY_DELAYS_SECONDS[attempt - 1];
  if (ok) return { outcome: 'delivered', next: null };
  if (delay === undefined) return { outcome: 'failed', next: null };
  return { outcome: 'retry', next: new Date(attemptedAt.getTime() + delay * 1000) };
}

/** A claim outlives the longest run of one job; a worker killed mid-delivery loses it then. */
export const CLAIM_SECONDS = 900;

type Delivery = Selectable<PostbackDeliveriesTable>;

export interface DeliverSettings {
  allowPrivate: boolean;
  affiliateConcurrency: number;
  /** Postbacks only (webhooks sign at the moment of sending, on their caller's thread); inline when left out. */
  sender?: Sender;
}

export interface DeliverResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface Outcome {
  delivery: Delivery;
  result: SendResult;
  attemptedAt: Date;
}

/**
 * Sends the deliveries that are due (those of `ids`, or any when left out, at most `limit`):
 * each is claimed, sent once, and its attempt appended to the log with the delivery's new state
 * in one transaction per affiliate, so a slow affiliate's deliveries never hold up another's
 * record. Delivery is at least once: a process killed after sending and before recording leaves
 * the claim to run out, and the delivery is sent again.
 */
export async function deliverPostbacks(options: {
  db: Db;
  jobs?: JobQueue;
  settings: DeliverSettings;
  ids?: number[];
  limit?: number;
}): Promise<DeliverResult> {
  const { db, settings } = options;
  const now = new Date();
  const ids = options.ids;
  if (ids && ids.length === 0) return { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const claimUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const { rows: claimed } = await sql<Delivery>`
    update postback_deliveries set state = 'sending', claimed_until = ${claimUntil}
    where id in (
      select id from postback_deliveries
      where ${ids ? sql`id = any(${ids.map(String)}::bigint[])` : sql`true`}
        and ((state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and claimed_until < ${now}))
      order by id limit ${options.limit ?? MAX_IDS_PER_JOB}
      for update skip locked)
    returning *`.execute(db);
  const groups = new Map<number, Delivery[]>();
  for (const d of claimed) {
    const group = groups.get(d.affiliate_id) ?? [];
    group.push(d);
    groups.set(d.affiliate_id, group);
  }
  const totals: DeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  // Each affiliate's outcomes are recorded as soon as its group is done, groups that finish
  // together in one transaction: a slow group never holds up the record of the others.
  const ready: Outcome[][] = [];
  let flushing: Promise<void> | null = null;
  const flush = async () => {
    while (ready.length) {
      const outcomes = ready.splice(0).flat();
      const counted = await recordOutcomes(db, options.jobs, outcomes);
      totals.attempted += outcomes.length;
      totals.delivered += counted.delivered;
      totals.retrying += counted.retrying;
      totals.failed += counted.failed;
    }
    flushing = null;
  };
  await Promise.all(
    [...groups.entries()].map(async ([affiliateId, group]) => {
      const sent = await (settings.sender ?? inlineSender).send(
        affiliateId,
        settings.affiliateConcurrency,
        group.map((d) => ({ method: d.method, url: d.url, body: d.body })),
        settings.allowPrivate,
      );
      ready.push(
        group.map((delivery, i) => {
          const { attemptedAt, ...result } = sent[i]!;
          return { delivery, result, attemptedAt };
        }),
      );
      flushing ??= flush();
      await flushing;
    }),
  );
  while (flushing) await flushing;
  return totals;
}

const ATTEMPT_COLUMNS = `delivery_id bigint, definition_id integer, affiliate_id integer, campaign_id integer,
  promo_id integer, trigger text, test boolean, attempted_at timestamptz, method text, url text,
  attempt integer, outcome text, response_code integer, response_ms integer, response_body text,
  error text, next_retry_at timestamptz`;

const names = (columns: string) =>
  columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');

/** Appends the attempts, moves each delivery on, counts failures per definition; one transaction. */
async function recordOutcomes(db: Db, jobs: JobQueue | undefined, outcomes: Outcome[]) {
  const counted = { delivered: 0, retrying: 0, failed: 0 };
  const attempts = outcomes.map(({ delivery, result, attemptedAt }) => {
    const attempt = delivery.attempts + 1;
    const { outcome, next } = nextStep(attempt, delivery.test, result.ok, attemptedAt);
    counted[outcome === 'retry' ? 'retrying' : outcome]++;
    return {
      delivery_id: String(delivery.id),
      definition_id: delivery.definition_id,
      affiliate_id: delivery.affiliate_id,
      campaign_id: delivery.campaign_id,
      promo_id: delivery.promo_id,
      trigger: delivery.trigger,
      test: delivery.test,
      attempted_at: attemptedAt.toISOString(),
      method: delivery.method,
      url: delivery.url,
      attempt,
      outcome,
      response_code: result.status,
      response_ms: result.ms,
      response_body: result.body,
      error: result.error,
      next_retry_at: next?.toISOString() ?? null,
    };
  });
  await inTransaction(db, async (trx) => {
    const columns = names(ATTEMPT_COLUMNS);
    await sql`insert into postback_attempts (${sql.raw(columns)})
      select ${sql.raw(columns)} from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb) as x(${sql.raw(ATTEMPT_COLUMNS)})`.execute(
      trx,
    );
    await moveDeliveries(trx, 'postback_deliveries', attempts);
    await countFailures(
      trx,
      jobs,
      attempts.filter((a) => !a.test),
    );
    if (jobs) {
      // Each retry as a job due at its time; the minutely sweep catches any a crash left behind.
      // One job per second, due at the end of it: a job due before its deliveries would find
      // them not yet due and leave them to the sweep.
      const due = new Map<number, number[]>();
      for (const a of attempts) {
        if (!a.next_retry_at) continue;
        const at = Math.ceil(new Date(a.next_retry_at).getTime() / 1000) * 1000;
        const ids = due.get(at) ?? [];
        ids.push(Number(a.delivery_id));
        due.set(at, ids);
      }
      for (const [at, ids] of due)
        await jobs.enqueue(trx, { name: DELIVER_JOB, data: { ids }, startAfter: new Date(at) });
    }
  });
  return counted;
}

/**
 * Deliveries failed in a row per definition (failed for good, after the whole retry schedule; a
 * delivered one resets the count). A definition reaching 20 is turned inactive with the reason,
 * and its owner emailed in the same transaction. Retries still to come do not count: a tracker
 * down for an hour loses nothing and stays on.
 */
async function countFailures(
  trx: Transaction<DB>,
  jobs: JobQueue | undefined,
  attempts: { definition_id: number; outcome: string; attempted_at: string }[],
) {
  if (attempts.length === 0) return;
  const byDefinition = new Map<number, { reset: boolean; failures: number }>();
  // A delivery counts once it is over: failed for good (its schedule ran out), or delivered.
  for (const a of [...attempts].sort((x, y) => x.attempted_at.localeCompare(y.attempted_at))) {
    const entry = byDefinition.get(a.definition_id) ?? { reset: false, failures: 0 };
    if (a.outcome === 'delivered') byDefinition.set(a.definition_id, { reset: true, failures: 0 });
    else if (a.outcome === 'failed')
      byDefinition.set(a.definition_id, { ...entry, failures: entry.failures + 1 });
  }
  if (byDefinition.size === 0) return;
  const changes = [...byDefinition.entries()].map(([id, c]) => ({ id, reset: c.reset, n: c.failures }));
  // One statement: a count that stays 0 is not written at all.
  const { rows } = await sql<{
    id: number;
    affiliate_id: number;
    name: string;
    url: string;
    status: string;
    consecutive_failures: number;
  }>`
    update postback_definitions d
    set consecutive_failures = case when x.reset then x.n else d.consecutive_failures + x.n end
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as x(id integer, reset boolean, n integer)
    where d.id = x.id and (x.n > 0 or d.consecutive_failures <> 0)
    returning d.id, d.affiliate_id, d.name, d.url, d.status, d.consecutive_failures`.execute(trx);
  for (const row of rows) {
    if (row.status !== 'active' || row.consecutive_failures < DISABLE_AFTER_FAILURES) continue;
    const now = new Date();
    const count = row.consecutive_failures;
    const disabled = await trx
      .updateTable('postback_definitions')
      .set({
        status: 'inactive',
        disabled_at: now,
        disabled_reason: `${count} deliveries failed in a row`,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(disabled.numUpdatedRows) === 1 && jobs) await emailOwner(trx, jobs, row, count);
  }
}

async function emailOwner(
  trx: Transaction<DB>,
  jobs: JobQueue,
  definition: { id: number; affiliate_id: number; name: string; url: string },
  failures: number,
) {
  const owner = await trx
    .selectFrom('affiliate_users')
    .select(['email', 'first_name'])
    .where('affiliate_id', '=', definition.affiliate_id)
    .where('is_owner', '=', true)
    .executeTakeFirst();
  if (!owner) return;
  const label = definition.name || `postback ${definition.id}`;
  const message = render({
    subject: `Your postback "${label}" was turned off`,
    greeting: owner.first_name ? `Hello ${owner.first_name},` : 'Hello,',
    paragraphs: [
      `${failures} deliveries of your postback "${label}" (${definition.url}) failed in a row, each after every retry, so we turned it off.`,
      'Check that your tracker answers with a 2xx status, then turn the postback on again in the portal. The postbacks log shows every attempt and its answer.',
    ],
  });
  await queueEmail(jobs, trx, { template: 'postback_disabled', to: owner.email, ...message });
}
