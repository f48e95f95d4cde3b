// @internal: only core/postbacks imports this file.
import { type Selectable, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PostbackDefinitionsTable } from '../../db/tables/postbacks.ts';
import { resolvePlan } from '../commissions/plans/resolve-plan.ts';
import { maskCustomerId } from '../events/customers/customer-view.ts';
import { isServerToServer, type PostbackTrigger } from './postback.ts';
import { majorUnits, renderBody, renderTemplate, templateVariables, type Variables } from './template.ts';

type Definition = Selectable<PostbackDefinitionsTable>;

/** What happened, for whom: one occasion for postbacks (an event's trigger, or a commission). */
export interface Occasion {
  trigger: PostbackTrigger;
  affiliateId: number;
  brandId: number;
  campaignId: number | null;
  promoId: number | null;
  eventRef: bigint | null;
  commissionRef: bigint | null;
  occurredAt: Date;
  /** The commission plan, when the caller knows it (a commission); else resolved if a filter needs it. */
  planId?: number | null;
  eventType: string | null;
  eventId: string | null;
  amount: bigint | null;
  currency: string | null;
  commission?: { amount: bigint; currency: string } | null;
  clickId: string | null;
  customer: OccasionCustomer | null;
}

/** What of the customer (and so of the click it came with) a template can name. */
export interface OccasionCustomer {
  externalId: string;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  params: Record<string, unknown>;
  country: string | null;
}

/**
 * The definitions that fire for an occasion: the affiliate's active ones with its trigger and a
 * plan filter it passes, at the narrowest scope that has any (promo, then campaign, then the
 * account). Several definitions at that scope all fire.
 */
export function pickDefinitions(
  definitions: Definition[],
  occasion: Occasion,
  planId: number | null,
): Definition[] {
  const fitting = definitions.filter(
    (d) =>
      d.affiliate_id === occasion.affiliateId &&
      d.trigger === occasion.trigger &&
      d.status === 'active' &&
      d.deleted_at === null &&
      (d.plan_id === null || d.plan_id === planId),
  );
  const promo = fitting.filter(
    (d) => d.scope === 'promo' && d.promo_id !== null && d.promo_id === occasion.promoId,
  );
  if (promo.length) return promo;
  const campaign = fitting.filter(
    (d) => d.scope === 'campaign' && d.campaign_id !== null && d.campaign_id === occasion.campaignId,
  );
  if (campaign.length) return campaign;
  return fitting.filter((d) => d.scope === 'account');
}

export interface DeliveryRow {
  definition_id: number;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  event_ref: string | null;
  commission_ref: string | null;
  test: boolean;
  delivery: Definition['delivery'];
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  state: 'pending' | 'client';
  next_attempt_at: string | null;
}

/** The lookups rendering needs: campaign names, promo codes, currencies' minor units, brands' id display. */
export async function renderContext(trx: Transaction<DB>, occasions: Occasion[]) {
  const uniq = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v != null))];
  const campaignIds = uniq(occasions.map((o) => o.campaignId));
  const promoIds = uniq(occasions.map((o) => o.promoId));
  const brandIds = uniq(occasions.map((o) => o.brandId));
  const [campaigns, promos, currencies, brands] = await Promise.all([
    campaignIds.length
      ? trx.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', campaignIds).execute()
      : [],
    promoIds.length
      ? trx.selectFrom('promos').select(['id', 'code']).where('id', 'in', promoIds).execute()
      : [],
    trx.selectFrom('currencies').select(['code', 'minor_unit']).execute(),
    brandIds.length
      ? trx.selectFrom('brands').select(['id', 'show_customer_ids']).where('id', 'in', brandIds).execute()
      : [],
  ]);
  return {
    campaignName: new Map(campaigns.map((c) => [c.id, c.name])),
    promoCode: new Map(promos.map((p) => [p.id, p.code])),
    minorUnit: new Map(currencies.map((c) => [c.code, c.minor_unit])),
    showIds: new Map(brands.map((b) => [b.id, b.show_customer_ids])),
  };
}

export type RenderContext = Awaited<ReturnType<typeof renderContext>>;

/** The variables of an occasion, as the template sees them. */
export function variablesOf(occasion: Occasion, context: RenderContext, planId: number | null): Variables {
  const money = (amount: bigint | null, currency: string | null) =>
    amount === null ? null : majorUnits(amount, currency ? (context.minorUnit.get(currency) ?? 2) : 2);
  const c = occasion.customer;
  return {
    click_id: occasion.clickId,
    visit_id: occasion.clickId,
    promo_id: occasion.promoId === null ? null : String(occasion.promoId),
    promo_code: occasion.promoId === null ? null : (context.promoCode.get(occasion.promoId) ?? null),
    campaign_id: occasion.campaignId === null ? null : String(occasion.campaignId),
    campaign_name:
      occasion.campaignId === null ? null : (context.campaignName.get(occasion.campaignId) ?? null),
    brand_id: String(occasion.brandId),
    affiliate_id: String(occasion.affiliateId),
    action: occasion.trigger,
    event_type: occasion.eventType,
    event_id: occasion.eventId,
    amount: money(occasion.amount, occasion.currency),
    amount_minor: occasion.amount === null ? null : occasion.amount.toString(),
    currency: occasion.commission?.currency ?? occasion.currency,
    commission: occasion.commission ? money(occasion.commission.amount, occasion.commission.currency) : null,
    deal_id: planId === null ? null : String(planId),
    sub1: c?.sub1 ?? null,
    sub2: c?.sub2 ?? null,
    sub3: c?.sub3 ?? null,
    sub4: c?.sub4 ?? null,
    sub5: c?.sub5 ?? null,
    customer_id: c
      ? context.showIds.get(occasion.brandId)
        ? c.externalId
        : maskCustomerId(c.externalId)
      : null,
    country: c?.country ?? null,
    occurred_at: occasion.occurredAt.toISOString(),
    timestamp: String(Math.floor(occasion.occurredAt.getTime() / 1000)),
    params: c?.params ?? {},
  };
}

/** One delivery of `definition` for `occasion`, its URL (and POST body) rendered now. */
export function deliveryOf(
  definition: Definition,
  occasion: Occasion,
  vars: Variables,
  now: Date,
  test = false,
): DeliveryRow {
  const s2s = isServerToServer(definition.delivery);
  return {
    definition_id: definition.id,
    affiliate_id: definition.affiliate_id,
    brand_id: occasion.brandId,
    campaign_id: occasion.campaignId,
    promo_id: occasion.promoId,
    trigger: occasion.trigger,
    event_ref: occasion.eventRef === null ? null : occasion.eventRef.toString(),
    commission_ref: occasion.commissionRef === null ? null : occasion.commissionRef.toString(),
    test,
    delivery: definition.delivery,
    method: definition.delivery === 's2s_post' ? 'POST' : 'GET',
    url: renderTemplate(definition.url, vars),
    body: definition.delivery === 's2s_post' ? renderBody(definition.url, vars) : null,
    state: s2s ? 'pending' : 'client',
    next_attempt_at: s2s ? now.toISOString() : null,
  };
}

const DELIVERY_COLUMNS = `definition_id integer, affiliate_id integer, brand_id integer, campaign_id integer,
  promo_id integer, trigger text, event_ref bigint, commission_ref bigint, test boolean, delivery text,
  method text, url text, body text, state text, next_attempt_at timestamptz`;

/** Inserts the deliveries in one statement; returns the ids of the server-to-server ones. */
export async function insertDeliveries(trx: Transaction<DB>, rows: DeliveryRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const names = DELIVERY_COLUMNS.split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  const { rows: inserted } = await sql<{ id: string; state: string }>`
    insert into postback_deliveries (${sql.raw(names)})
    select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(DELIVERY_COLUMNS)})
    on conflict do nothing
    returning id, state`.execute(trx);
  return inserted.filter((r) => r.state === 'pending').map((r) => Number(r.id));
}

/**
 * The deliveries the occasions ask for: one query for the definitions of their affiliates (none:
 * done), the plan resolved only where a definition filters by it or the template names deal_id.
 */
export async function deliveriesFor(
  trx: Transaction<DB>,
  occasions: Occasion[],
  now: Date,
): Promise<DeliveryRow[]> {
  if (occasions.length === 0) return [];
  const affiliateIds = [...new Set(occasions.map((o) => o.affiliateId))];
  const triggers = [...new Set(occasions.map((o) => o.trigger))];
  const definitions = await trx
    .selectFrom('postback_definitions')
    .selectAll()
    .where('affiliate_id', 'in', affiliateIds)
    .where('trigger', 'in', triggers)
    .where('status', '=', 'active')
    .where('deleted_at', 'is', null)
    .execute();
  if (definitions.length === 0) return [];
  const context = await renderContext(trx, occasions);
  const plans = new Map<string, Promise<number | null>>();
  const planOf = (o: Occasion): Promise<number | null> => {
    if (o.planId !== undefined) return Promise.resolve(o.planId);
    const key = `${o.affiliateId}:${o.brandId}:${o.campaignId}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = resolvePlan({
        db: trx,
        affiliateId: o.affiliateId,
        brandId: o.brandId,
        ...(o.campaignId !== null ? { campaignId: o.campaignId } : {}),
        at: o.occurredAt,
      }).then(
        (r) => r.plan?.id ?? null,
        () => null,
      );
      plans.set(key, plan);
    }
    return plan;
  };
  const needsPlan = (d: Definition) => d.plan_id !== null || templateVariables(d.url).includes('deal_id');
  const rows: DeliveryRow[] = [];
  for (const occasion of occasions) {
    const mine = definitions.filter(
      (d) => d.affiliate_id === occasion.affiliateId && d.trigger === occasion.trigger,
    );
    if (mine.length === 0) continue;
    const planId = mine.some(needsPlan) ? await planOf(occasion) : (occasion.planId ?? null);
    const vars = variablesOf(occasion, context, planId);
    for (const definition of pickDefinitions(mine, occasion, planId))
      rows.push(deliveryOf(definition, occasion, vars, now));
  }
  return rows;
}
