import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { recomputeCommissions } from '../../commissions/engine/recompute-commissions.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { queueWebhookEvent } from '../../webhooks/queue-webhook-event.ts';
import { maskCustomerId } from './customer-view.ts';
import { getCustomer } from './get-customer.ts';

export interface AttributeCustomerInput {
  affiliate_id: number;
  campaign_id?: number | null;
  promo_id?: number | null;
  reason: string;
}

/**
 * The operator decides who a customer belongs to: an unattributed customer is attributed (and
 * its unattributed events with it); an attributed one is re-attributed from now on, its past
 * events staying with whom they were attributed to. Either way the decision is appended with
 * who made it and why, and both affiliates' events logs show it.
 */
export async function attributeCustomer(options: {
  db: Db;
  actor: Actor;
  customerId: number;
  input: AttributeCustomerInput;
  managerId?: number;
}) {
  const { actor, input } = options;
  const id = BigInt(options.customerId);
  await inTransaction(options.db, async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', id)
      // As the event batch locks its customers (record-events.ts): other batches' commissions
      // naming this customer still check their foreign key.
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!customer) throw AppError.notFound('customer');
    if (options.managerId !== undefined) {
      // A limited manager moves only their own affiliates' customers (others are not found).
      const owner = customer.affiliate_id
        ? await trx
            .selectFrom('affiliates')
            .select('account_manager_id')
            .where('id', '=', customer.affiliate_id)
            .executeTakeFirst()
        : null;
      if (owner?.account_manager_id !== options.managerId) throw AppError.notFound('customer');
    }
    const problems: FieldError[] = [];
    const reason = input.reason?.trim() ?? '';
    if (!reason)
      problems.push({ path: 'reason', message: 'is required: say why, it is shown in the history' });
    const affiliate = await trx
      .selectFrom('affiliates')
      .select(['id', 'name', 'status', 'account_manager_id'])
      .where('id', '=', input.affiliate_id)
      .executeTakeFirst();
    if (!affiliate || (options.managerId !== undefined && affiliate.account_manager_id !== options.managerId))
      problems.push({ path: 'affiliate_id', message: 'choose an existing affiliate' });
    else if (affiliate.status !== 'active')
      problems.push({
        path: 'affiliate_id',
        message: `choose an active affiliate (this one is ${affiliate.status})`,
      });
    let campaignId = input.campaign_id ?? null;
    const promoId = input.promo_id ?? null;
    if (promoId !== null) {
      const promo = await trx
        .selectFrom('promos')
        .select(['campaign_id', 'affiliate_id', 'brand_id'])
        .where('id', '=', promoId)
        .executeTakeFirst();
      if (!promo || promo.affiliate_id !== input.affiliate_id || promo.brand_id !== customer.brand_id)
        problems.push({ path: 'promo_id', message: "choose one of the affiliate's promos for this brand" });
      else if (campaignId !== null && campaignId !== promo.campaign_id)
        problems.push({ path: 'campaign_id', message: 'must be the campaign of the promo' });
      else campaignId = promo.campaign_id;
    }
    if (campaignId !== null && promoId === null) {
      const campaign = await trx
        .selectFrom('campaigns')
        .select(['affiliate_id', 'brand_id'])
        .where('id', '=', campaignId)
        .executeTakeFirst();
      if (
        !campaign ||
        campaign.affiliate_id !== input.affiliate_id ||
        campaign.brand_id !== customer.brand_id
      )
        problems.push({
          path: 'campaign_id',
          message: "choose one of the affiliate's campaigns for this brand",
        });
    }
    if (problems.length) throw AppError.validation(problems);
    if (
      customer.affiliate_id === input.affiliate_id &&
      customer.campaign_id === campaignId &&
      customer.promo_id === promoId
    )
      throw new AppError('invalid_state', 'the customer already belongs there');

    const kind = customer.affiliate_id === null ? 'operator_attribution' : 'reattribution';
    const name = affiliate?.name ?? `affiliate ${input.affiliate_id}`;
    const summary =
      kind === 'operator_attribution'
        ? `Attributed to ${name} by ${actor.name}: ${reason}`
        : `Moved from affiliate ${customer.affiliate_id} to ${name} by ${actor.name}: ${reason} (earlier events stay where they were)`;
    const explanation = {
      method: 'operator',
      affiliate_id: input.affiliate_id,
      campaign_id: campaignId,
      promo_id: promoId,
      previous_affiliate_id: customer.affiliate_id,
      actor: { type: actor.type, id: actor.id, name: actor.name },
      reason,
      summary,
    };
    const decision = await trx
      .insertInto('attribution_decisions')
      .values({
        customer_id: id,
        event_id: null,
        kind,
        previous_affiliate_id: customer.affiliate_id,
        affiliate_id: input.affiliate_id,
        campaign_id: campaignId,
        promo_id: promoId,
        click_id: null,
        coupon_code_id: null,
        method: 'operator',
        explanation: JSON.stringify(explanation),
        reason,
        ...actorColumns(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueWebhookEvent({
      db: trx,
      type: 'customer.attributed',
      payload: {
        customer_id: id,
        event_id: null,
        kind,
        previous_affiliate_id: customer.affiliate_id,
        affiliate_id: input.affiliate_id,
        campaign_id: campaignId,
        promo_id: promoId,
        method: 'operator',
      },
    });
    await trx
      .updateTable('customers')
      .set({
        affiliate_id: input.affiliate_id,
        campaign_id: campaignId,
        promo_id: promoId,
        click_id: null,
        coupon_code_id: null,
        attribution_method: 'operator',
        // The sub-ids and parameters came with the old owner's click: they are not the new one's.
        sub1: null,
        sub2: null,
        sub3: null,
        sub4: null,
        sub5: null,
        params: '{}',
        attributed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    let events = 0;
    if (kind === 'operator_attribution') {
      // The one change events allow: unattributed ones get their owner, the old explanation kept.
      const updated = await trx
        .updateTable('events')
        .set({
          affiliate_id: input.affiliate_id,
          campaign_id: campaignId,
          promo_id: promoId,
          attribution_method: 'operator',
          attribution: sql`jsonb_build_object('previous', attribution) || ${JSON.stringify({
            ...explanation,
            decision_ref: Number(decision.id),
            rejected: [],
            winner: { kind: 'operator', value: actor.name, detail: reason },
          })}::jsonb`,
        })
        .where('customer_id', '=', id)
        .where('affiliate_id', 'is', null)
        .executeTakeFirst();
      events = Number(updated.numUpdatedRows);
      // What the customer's events earn its new affiliate, in the same transaction.
      await recomputeCommissions({ db: trx, actor, customerIds: [id] });
    }
    const data = {
      customer_ref: Number(id),
      customer_id: maskCustomerId(customer.external_id),
      brand_id: customer.brand_id,
      reason,
      events,
    };
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliate_id,
      type: 'customer_attributed',
      actor,
      data: { ...data, previous_affiliate_id: customer.affiliate_id },
    });
    if (customer.affiliate_id !== null && customer.affiliate_id !== input.affiliate_id)
      await recordAffiliateEvent(trx, {
        affiliateId: customer.affiliate_id,
        type: 'customer_reattributed_away',
        actor,
        data: { ...data, new_affiliate_id: input.affiliate_id },
      });
  });
  return getCustomer({ db: options.db, id: options.customerId });
}
