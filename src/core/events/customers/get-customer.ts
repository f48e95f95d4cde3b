import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { type EventView, eventView } from '../event-view.ts';
import { type CustomerView, customerView } from './customer-view.ts';

export type TimelineEntry =
  | { at: Date; kind: 'click'; click: Record<string, unknown> }
  | { at: Date; kind: 'event'; event: EventView }
  | { at: Date; kind: 'attribution'; decision: Record<string, unknown> }
  | { at: Date; kind: 'fraud_flag'; flag: Record<string, unknown> };

/**
 * A customer with its story: the click that brought it, every event (by when it happened), each
 * attribution decision with its explanation, and the fraud rules it matched.
 */
export async function getCustomer(options: {
  db: Db;
  id: number;
  managerId?: number;
}): Promise<CustomerView & { timeline: TimelineEntry[] }> {
  const { db } = options;
  const id = BigInt(options.id);
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('customer');
  if (options.managerId !== undefined) {
    const owner = row.affiliate_id
      ? await db
          .selectFrom('affiliates')
          .select('account_manager_id')
          .where('id', '=', row.affiliate_id)
          .executeTakeFirst()
      : null;
    if (owner?.account_manager_id !== options.managerId) throw AppError.notFound('customer');
  }
  const [totals, events, lines, decisions, flags] = await Promise.all([
    db.selectFrom('customer_totals').selectAll().where('customer_id', '=', id).orderBy('currency').execute(),
    db
      .selectFrom('events')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('activity_lines as l')
      .innerJoin('events as e', 'e.id', 'l.event_id')
      .selectAll('l')
      .where('e.customer_id', '=', id)
      .orderBy('l.id')
      .execute(),
    db.selectFrom('attribution_decisions').selectAll().where('customer_id', '=', id).orderBy('id').execute(),
    db.selectFrom('fraud_flags').selectAll().where('customer_id', '=', id).orderBy('id').execute(),
  ]);
  const clickIds = [
    ...new Set([row.click_id, ...decisions.map((d) => d.click_id)].filter((c): c is string => !!c)),
  ];
  const clicks = clickIds.length
    ? await db.selectFrom('clicks').selectAll().where('id', 'in', clickIds).execute()
    : [];
  const timeline: TimelineEntry[] = [
    ...clicks.map((c) => ({
      at: c.clicked_at,
      kind: 'click' as const,
      click: c as unknown as Record<string, unknown>,
    })),
    ...events.map((e) => ({
      at: e.occurred_at,
      kind: 'event' as const,
      event: eventView(
        e,
        row.external_id,
        lines.filter((l) => l.event_id === e.id),
      ),
    })),
    ...decisions.map((d) => ({
      at: d.created_at,
      kind: 'attribution' as const,
      decision: {
        id: Number(d.id),
        kind: d.kind,
        method: d.method,
        event_ref: d.event_id === null ? null : Number(d.event_id),
        previous_affiliate_id: d.previous_affiliate_id,
        affiliate_id: d.affiliate_id,
        campaign_id: d.campaign_id,
        promo_id: d.promo_id,
        click_id: d.click_id,
        coupon_code_id: d.coupon_code_id,
        reason: d.reason,
        actor: { type: d.actor_type, id: d.actor_id, name: d.actor_name },
        summary: String(d.explanation.summary ?? ''),
        explanation: d.explanation,
      },
    })),
    ...flags.map((f) => ({
      at: f.created_at,
      kind: 'fraud_flag' as const,
      flag: {
        rule: f.rule,
        mode: f.mode,
        event_ref: f.event_id === null ? null : Number(f.event_id),
        detail: f.detail,
      },
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...customerView(row, totals), timeline };
}
