import type { EventHints } from '../event-input.ts';
import type {
  AttributionLookups,
  Binding,
  Candidate,
  ClickFacts,
  Explanation,
  Policy,
} from './attribution-types.ts';

const DAY_MS = 86_400_000;

export interface AttributionDecision {
  /** The owner of the event; null: unattributed. */
  binding: Omit<Binding, 'boundAt'> | null;
  method: Explanation['method'];
  /** initial: the customer is bound now; takeover: a newer click moves it (last_click policy). */
  change: 'initial' | 'takeover' | null;
  /** The click that won, for the customer's sub-ids and parameters. */
  click: ClickFacts | null;
  explanation: Explanation;
}

function age(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} minutes`;
  if (ms < 2 * DAY_MS) return `${Math.round(ms / 3_600_000)} hours`;
  return `${Math.round(ms / DAY_MS)} days`;
}

/** Is an affiliate, its campaign and promo still allowed to earn? A reason when not. */
function ownerProblem(
  lookups: AttributionLookups,
  affiliateId: number,
  campaignId: number | null,
  promoId: number | null,
): Pick<Candidate, 'reason' | 'message'> | null {
  const affiliate = lookups.affiliates.get(affiliateId);
  if (!affiliate) return { reason: 'unknown', message: `affiliate ${affiliateId} does not exist` };
  if (affiliate.status !== 'active')
    return { reason: 'inactive_affiliate', message: `affiliate ${affiliate.name} is ${affiliate.status}` };
  if (campaignId !== null && lookups.campaigns.get(campaignId)?.status === 'archived')
    return { reason: 'archived_campaign', message: `campaign ${campaignId} is archived` };
  if (promoId !== null && lookups.promos.get(promoId)?.enabled === false)
    return { reason: 'disabled_promo', message: `promo ${lookups.promos.get(promoId)?.code} is disabled` };
  return null;
}

function clickCandidate(
  clickId: string,
  lookups: AttributionLookups,
  brandId: number,
  occurredAt: Date,
  policy: Policy,
): Candidate & { click?: ClickFacts } {
  const base = { kind: 'click_id' as const, value: clickId };
  const click = lookups.clicks.get(clickId);
  if (!click) return { ...base, reason: 'unknown', message: `no click ${clickId} was recorded` };
  if (click.brand_id !== brandId)
    return { ...base, reason: 'other_brand', message: `click ${clickId} went to brand ${click.brand_id}` };
  const ms = occurredAt.getTime() - click.clicked_at.getTime();
  if (ms < 0)
    return { ...base, reason: 'click_after_event', message: `click ${clickId} came after the event` };
  if (ms > policy.lookbackDays * DAY_MS)
    return {
      ...base,
      reason: 'expired',
      message: `click ${clickId} was ${age(ms)} before the event, past the ${policy.lookbackDays}-day window`,
    };
  const problem = ownerProblem(lookups, click.affiliate_id, click.campaign_id, click.promo_id);
  if (problem) return { ...base, ...problem, message: `click ${clickId}: ${problem.message}` };
  return {
    ...base,
    click,
    message: `click ${clickId} on promo ${lookups.promos.get(click.promo_id)?.code ?? click.promo_id}, ${age(ms)} before the event (window ${policy.lookbackDays} days)`,
    binding: {
      affiliateId: click.affiliate_id,
      campaignId: click.campaign_id,
      promoId: click.promo_id,
      clickId: click.id,
      clickedAt: click.clicked_at,
      couponCodeId: null,
      method: 'click_id',
    },
  };
}

function couponCandidate(
  code: string,
  lookups: AttributionLookups,
  brandId: number,
  occurredAt: Date,
): Candidate {
  const base = { kind: 'coupon_code' as const, value: code };
  const coupon = lookups.coupons.get(`${brandId}:${code.toLowerCase()}`);
  if (!coupon) return { ...base, reason: 'unknown', message: `no coupon code ${code} exists for this brand` };
  if (!coupon.enabled)
    return { ...base, reason: 'disabled_coupon', message: `coupon code ${coupon.code} is disabled` };
  if (coupon.valid_from && occurredAt < coupon.valid_from)
    return {
      ...base,
      reason: 'not_yet_valid',
      message: `coupon code ${coupon.code} is valid from ${coupon.valid_from.toISOString()}`,
    };
  if (coupon.valid_until && occurredAt > coupon.valid_until)
    return {
      ...base,
      reason: 'expired',
      message: `coupon code ${coupon.code} was valid until ${coupon.valid_until.toISOString()}`,
    };
  const problem = ownerProblem(lookups, coupon.affiliate_id, coupon.campaign_id, coupon.promo_id);
  if (problem) return { ...base, ...problem, message: `coupon code ${coupon.code}: ${problem.message}` };
  return {
    ...base,
    message: `coupon code ${coupon.code} of ${lookups.affiliates.get(coupon.affiliate_id)?.name}`,
    binding: {
      affiliateId: coupon.affiliate_id,
      campaignId: coupon.campaign_id,
      promoId: coupon.promo_id,
      clickId: null,
      clickedAt: null,
      couponCodeId: coupon.id,
      method: 'coupon_code',
    },
  };
}

function affiliateCandidate(hints: EventHints, lookups: AttributionLookups, brandId: number): Candidate {
  const affiliateId = hints.affiliate_id as number;
  const base = { kind: 'affiliate_id' as const, value: affiliateId };
  const campaignId = hints.campaign_id ?? null;
  if (campaignId !== null) {
    const campaign = lookups.campaigns.get(campaignId);
    if (!campaign || campaign.affiliate_id !== affiliateId)
      return {
        ...base,
        reason: 'unknown',
        message: `affiliate ${affiliateId} has no campaign ${campaignId}`,
      };
    if (campaign.brand_id !== brandId)
      return {
        ...base,
        reason: 'other_brand',
        message: `campaign ${campaignId} is for brand ${campaign.brand_id}`,
      };
  }
  const problem = ownerProblem(lookups, affiliateId, campaignId, null);
  if (problem) return { ...base, ...problem };
  return {
    ...base,
    message: `affiliate ${lookups.affiliates.get(affiliateId)?.name} named by the operator`,
    binding: {
      affiliateId,
      campaignId,
      promoId: null,
      clickId: null,
      clickedAt: null,
      couponCodeId: null,
      method: 'affiliate_id',
    },
  };
}

function explanation(
  policy: Policy,
  binding: Omit<Binding, 'boundAt'> | null,
  method: Explanation['method'],
  winner: Explanation['winner'],
  rejected: Candidate[],
  summary: string,
): Explanation {
  return {
    policy: { binding: policy.binding, click_lookback_days: policy.lookbackDays },
    method,
    affiliate_id: binding?.affiliateId ?? null,
    campaign_id: binding?.campaignId ?? null,
    promo_id: binding?.promoId ?? null,
    click_id: binding?.clickId ?? null,
    coupon_code_id: binding?.couponCodeId ?? null,
    winner,
    rejected: rejected.map((c) => ({
      kind: c.kind,
      value: c.value,
      reason: c.reason ?? 'lower_priority',
      message: c.message,
    })),
    summary,
  };
}

function rejectedSentence(rejected: Candidate[]): string {
  if (rejected.length === 0) return '';
  return ` Not used: ${rejected.map((c) => c.message).join('; ')}.`;
}

/**
 * Decides, once, to whom an event belongs: the customer's binding, else a click id, a coupon
 * code, then an affiliate named by the operator, the first usable one winning. Every hint that
 * did not win is kept with its reason, so a person (or an API) can read why.
 */
export function decideAttribution(options: {
  hints: EventHints;
  brandId: number;
  occurredAt: Date;
  policy: Policy;
  current: Binding | null;
  lookups: AttributionLookups;
  affiliateName: (id: number) => string;
}): AttributionDecision {
  const { hints, brandId, occurredAt, policy, current, lookups } = options;
  const candidates: (Candidate & { click?: ClickFacts })[] = [];
  if (hints.click_id) candidates.push(clickCandidate(hints.click_id, lookups, brandId, occurredAt, policy));
  if (hints.coupon_code) candidates.push(couponCandidate(hints.coupon_code, lookups, brandId, occurredAt));
  if (hints.affiliate_id) candidates.push(affiliateCandidate(hints, lookups, brandId));
  const usable = candidates.filter((c) => c.binding);
  const owner = (b: { affiliateId: number }) => options.affiliateName(b.affiliateId);

  if (current) {
    const newer = usable.find(
      (c) =>
        c.kind === 'click_id' &&
        c.binding?.clickedAt &&
        (current.clickedAt === null || c.binding.clickedAt > current.clickedAt) &&
        c.binding.clickId !== current.clickId,
    );
    if (policy.binding === 'last_click' && newer?.binding) {
      // A usable candidate left out has no reason of its own: the explanation says lower_priority.
      const rejected = candidates.filter((c) => c !== newer);
      return {
        binding: newer.binding,
        method: 'click_id',
        change: 'takeover',
        click: newer.click ?? null,
        explanation: explanation(
          policy,
          newer.binding,
          'click_id',
          { kind: 'click_id', value: newer.value, detail: newer.message },
          rejected,
          `Moved to ${owner(newer.binding)} by a newer ${newer.message} (last click wins).${rejectedSentence(rejected)}`,
        ),
      };
    }
    for (const c of candidates)
      if (c.binding) {
        const same = c.binding.affiliateId === current.affiliateId;
        c.reason =
          policy.binding === 'last_click' && c.kind === 'click_id' && !same ? 'not_newer' : 'customer_bound';
        c.message = `${c.message}, but the customer already belongs to ${owner(current)}${
          policy.binding === 'lifetime' ? ' for its lifetime' : ''
        }`;
      }
    const binding = { ...current };
    delete (binding as Partial<Binding>).boundAt;
    return {
      binding,
      method: 'customer',
      change: null,
      click: null,
      explanation: explanation(
        policy,
        binding,
        'customer',
        {
          kind: 'customer',
          value: null,
          detail: `bound to ${owner(current)} by ${current.method.replace('_', ' ')} on ${current.boundAt.toISOString()}`,
        },
        candidates,
        `Belongs to ${owner(current)}: the customer was bound by ${current.method.replace('_', ' ')} on ${current.boundAt
          .toISOString()
          .slice(0, 10)}.${rejectedSentence(candidates)}`,
      ),
    };
  }

  const winner = usable[0];
  if (!winner?.binding) {
    return {
      binding: null,
      method: null,
      change: null,
      click: null,
      explanation: explanation(
        policy,
        null,
        null,
        null,
        candidates,
        candidates.length === 0
          ? 'Unattributed: the event named no click id, coupon code or affiliate, and the customer is not bound.'
          : `Unattributed: no hint could be used.${rejectedSentence(candidates)}`,
      ),
    };
  }
  const rejected = candidates.filter((c) => c !== winner);
  for (const c of rejected)
    if (c.binding) {
      c.reason = 'lower_priority';
      c.message = `${c.message}, but the ${winner.kind.replace('_', ' ')} comes first`;
    }
  return {
    binding: winner.binding,
    method: winner.binding.method,
    change: 'initial',
    click: winner.click ?? null,
    explanation: explanation(
      policy,
      winner.binding,
      winner.binding.method,
      { kind: winner.kind, value: winner.value, detail: winner.message },
      rejected,
      `Attributed to ${owner(winner.binding)} by ${winner.message}.${rejectedSentence(rejected)}`,
    ),
  };
}
