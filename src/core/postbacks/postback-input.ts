// @internal: only core/postbacks imports this file.
import type { Db } from '../../db/index.ts';
import type { FieldError } from '../errors.ts';
import {
  isServerToServer,
  POSTBACK_DELIVERIES,
  POSTBACK_SCOPES,
  POSTBACK_TRIGGERS,
  type PostbackDelivery,
  type PostbackScope,
  type PostbackTrigger,
} from './postback.ts';
import { templateProblems } from './template.ts';

export interface PostbackInput {
  name?: string;
  scope: string;
  campaign_id?: number | null;
  promo_id?: number | null;
  trigger: string;
  plan_id?: number | null;
  delivery?: string;
  status?: string;
  url: string;
}

export interface PostbackState {
  affiliate_id: number;
  name: string;
  scope: PostbackScope;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  plan_id: number | null;
  delivery: PostbackDelivery;
  status: 'active' | 'inactive';
  url: string;
}

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;

/**
 * The definition as it will be stored, or every problem of the input in one list: the scope's
 * campaign or promo must be the affiliate's own (a promo brings its campaign), the plan must
 * exist, commission triggers need a server-to-server delivery, and the template must be sound.
 */
export async function checkPostback(
  db: Db,
  affiliateId: number,
  input: PostbackInput,
): Promise<{ state: PostbackState; problems: FieldError[] }> {
  const problems: FieldError[] = [];
  const scope = input.scope as PostbackScope;
  const trigger = input.trigger as PostbackTrigger;
  const delivery = (input.delivery ?? 's2s_get') as PostbackDelivery;
  const status = (input.status ?? 'active') as 'active' | 'inactive';
  if (!POSTBACK_SCOPES.includes(scope)) problems.push({ path: 'scope', message: oneOf(POSTBACK_SCOPES) });
  if (!POSTBACK_TRIGGERS.includes(trigger))
    problems.push({ path: 'trigger', message: oneOf(POSTBACK_TRIGGERS) });
  if (!POSTBACK_DELIVERIES.includes(delivery))
    problems.push({ path: 'delivery', message: oneOf(POSTBACK_DELIVERIES) });
  if (status !== 'active' && status !== 'inactive')
    problems.push({ path: 'status', message: oneOf(['active', 'inactive']) });
  if (
    trigger === 'commission_approved' &&
    POSTBACK_DELIVERIES.includes(delivery) &&
    !isServerToServer(delivery)
  )
    problems.push({
      path: 'delivery',
      message: 'a commission is approved after the conversion page is gone: choose s2s_get or s2s_post',
    });
  problems.push(...templateProblems(input.url));
  if (input.url.length > 2000) problems.push({ path: 'url', message: 'must be at most 2000 characters' });

  let campaignId = input.campaign_id ?? null;
  const promoId = input.promo_id ?? null;
  if (scope === 'account') {
    if (campaignId !== null)
      problems.push({ path: 'campaign_id', message: 'must be left out for the account scope' });
    if (promoId !== null)
      problems.push({ path: 'promo_id', message: 'must be left out for the account scope' });
  }
  if (scope === 'campaign') {
    if (promoId !== null)
      problems.push({ path: 'promo_id', message: 'must be left out for the campaign scope' });
    if (campaignId === null)
      problems.push({ path: 'campaign_id', message: 'is required for the campaign scope' });
    else {
      const campaign = await db
        .selectFrom('campaigns')
        .select('id')
        .where('id', '=', campaignId)
        .where('affiliate_id', '=', affiliateId)
        .executeTakeFirst();
      if (!campaign)
        problems.push({ path: 'campaign_id', message: `the affiliate has no campaign ${campaignId}` });
    }
  }
  if (scope === 'promo') {
    if (promoId === null) problems.push({ path: 'promo_id', message: 'is required for the promo scope' });
    else {
      const promo = await db
        .selectFrom('promos')
        .select(['id', 'campaign_id'])
        .where('id', '=', promoId)
        .where('affiliate_id', '=', affiliateId)
        .executeTakeFirst();
      if (!promo) problems.push({ path: 'promo_id', message: `the affiliate has no promo ${promoId}` });
      else if (campaignId !== null && campaignId !== promo.campaign_id)
        problems.push({
          path: 'campaign_id',
          message: `must be the promo's campaign (${promo.campaign_id}) or left out`,
        });
      else campaignId = promo.campaign_id;
    }
  }
  if (input.plan_id != null) {
    const plan = await db
      .selectFrom('commission_plans')
      .select('id')
      .where('id', '=', input.plan_id)
      .executeTakeFirst();
    if (!plan) problems.push({ path: 'plan_id', message: `no commission plan ${input.plan_id} exists` });
  }
  const name = (input.name ?? '').trim();
  if (name.length > 200) problems.push({ path: 'name', message: 'must be at most 200 characters' });
  return {
    state: {
      affiliate_id: affiliateId,
      name,
      scope,
      campaign_id: scope === 'account' ? null : campaignId,
      promo_id: scope === 'promo' ? promoId : null,
      trigger,
      plan_id: input.plan_id ?? null,
      delivery,
      status,
      url: input.url.trim(),
    },
    problems,
  };
}
