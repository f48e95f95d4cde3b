/**
 * The attribution decision, pure (the API tests are in ingest.test.ts and coupon-codes.test.ts):
 * each case states the whole decision and its stored explanation, sentences included, so a
 * changed reason, priority, window edge or message fails here.
 */
import { describe, expect, it } from 'vitest';
import type {
  AttributionLookups,
  Binding,
  ClickFacts,
  Policy,
} from '../../src/core/events/attribution/attribution-types.ts';
import { decideAttribution } from '../../src/core/events/attribution/decide-attribution.ts';
import type { EventHints } from '../../src/core/events/event-input.ts';

const T = new Date('2026-05-10T12:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(T.getTime() - ms);

const LIFETIME: Policy = { binding: 'lifetime', lookbackDays: 30 };
const LAST_CLICK: Policy = { binding: 'last_click', lookbackDays: 30 };

function click(id: string, clickedAt: Date, over: Partial<ClickFacts> = {}): [string, ClickFacts] {
  return [
    id,
    {
      id,
      clicked_at: clickedAt,
      brand_id: 1,
      promo_id: 200,
      campaign_id: 100,
      affiliate_id: 10,
      sub1: null,
      sub2: null,
      sub3: null,
      sub4: null,
      sub5: null,
      params: {},
      is_bot: false,
      country: null,
      ip: null,
      ...over,
    },
  ];
}

const bob = { promo_id: 201, campaign_id: 101, affiliate_id: 11 };
const clicks = new Map([
  click('c-ann', ago(3 * DAY)),
  click('c-bob', ago(HOUR), bob),
  click('c-other', ago(HOUR), { brand_id: 2 }),
  click('c-late', new Date(T.getTime() + 1)),
  click('c-now', T),
  click('c-30d', ago(30 * DAY)),
  click('c-old', ago(30 * DAY + 1)),
  click('c-cid', ago(HOUR), { affiliate_id: 12, campaign_id: 104, promo_id: 203 }),
  click('c-ghost', ago(HOUR), { affiliate_id: 99 }),
  click('c-arch', ago(HOUR), { campaign_id: 103 }),
  click('c-off', ago(HOUR), { promo_id: 202 }),
  click('c-nopromo', ago(HOUR), { promo_id: 299 }),
  click('c-nocampaign', ago(HOUR), { campaign_id: 199 }),
  click('c-59s', ago(59 * SECOND + 400)),
  click('c-1m', ago(MINUTE)),
  click('c-59m', ago(59 * MINUTE + 20 * SECOND)),
  click('c-1h', ago(HOUR)),
  click('c-47h', ago(47 * HOUR + 20 * MINUTE)),
  click('c-2d', ago(2 * DAY)),
]);

const coupon = (id: number, code: string, over: object = {}) =>
  [
    `1:${code.toLowerCase()}`,
    {
      id,
      brand_id: 1,
      code,
      affiliate_id: 10,
      campaign_id: 100,
      promo_id: 200,
      valid_from: null,
      valid_until: null,
      enabled: true,
      ...over,
    },
  ] as const;

const lookups: AttributionLookups = {
  clicks,
  coupons: new Map([
    coupon(300, 'ANN10'),
    coupon(301, 'BOB10', { affiliate_id: 11, campaign_id: null, promo_id: null }),
    coupon(302, 'OFF10', { enabled: false }),
    coupon(303, 'SOON', { valid_from: new Date(T.getTime() + 1) }),
    coupon(304, 'FROMNOW', { valid_from: T, valid_until: T }),
    coupon(305, 'PAST', { valid_until: new Date(T.getTime() - 1) }),
    coupon(306, 'CID', { affiliate_id: 12, campaign_id: null, promo_id: null }),
  ]),
  affiliates: new Map([
    [10, { id: 10, name: 'Ann', status: 'active' }],
    [11, { id: 11, name: 'Bob', status: 'active' }],
    [12, { id: 12, name: 'Cid', status: 'suspended' }],
  ]),
  campaigns: new Map([
    [100, { id: 100, affiliate_id: 10, brand_id: 1, status: 'active' }],
    [101, { id: 101, affiliate_id: 11, brand_id: 1, status: 'active' }],
    [102, { id: 102, affiliate_id: 10, brand_id: 2, status: 'active' }],
    [103, { id: 103, affiliate_id: 10, brand_id: 1, status: 'archived' }],
    [104, { id: 104, affiliate_id: 12, brand_id: 1, status: 'active' }],
  ]),
  promos: new Map([
    [200, { id: 200, code: 'ANN1', enabled: true, campaign_id: 100 }],
    [201, { id: 201, code: 'BOB1', enabled: true, campaign_id: 101 }],
    [202, { id: 202, code: 'OFF', enabled: false, campaign_id: 100 }],
    [203, { id: 203, code: 'CID1', enabled: true, campaign_id: 104 }],
  ]),
};

const names: Record<number, string> = { 10: 'Ann', 11: 'Bob', 12: 'Cid' };
const decide = (hints: EventHints, policy: Policy = LIFETIME, current: Binding | null = null) =>
  decideAttribution({
    hints,
    brandId: 1,
    occurredAt: T,
    policy,
    current,
    lookups,
    affiliateName: (id) => names[id] ?? `#${id}`,
  });

const annClick = {
  affiliateId: 10,
  campaignId: 100,
  promoId: 200,
  clickId: 'c-ann',
  clickedAt: ago(3 * DAY),
  couponCodeId: null,
  method: 'click_id',
};
const explained = (policy: Policy, binding: typeof annClick | null, rest: object) => ({
  policy: { binding: policy.binding, click_lookback_days: policy.lookbackDays },
  affiliate_id: binding?.affiliateId ?? null,
  campaign_id: binding?.campaignId ?? null,
  promo_id: binding?.promoId ?? null,
  click_id: binding?.clickId ?? null,
  coupon_code_id: binding?.couponCodeId ?? null,
  ...rest,
});

describe('a customer not yet bound', () => {
  it('is unattributed when the event names nothing', () => {
    expect(decide({})).toEqual({
      binding: null,
      method: null,
      change: null,
      click: null,
      explanation: explained(LIFETIME, null, {
        method: null,
        winner: null,
        rejected: [],
        summary:
          'Unattributed: the event named no click id, coupon code or affiliate, and the customer is not bound.',
      }),
    });
  });

  it('goes to the click id first, the coupon and the affiliate named losing with their reason', () => {
    const d = decide({ click_id: 'c-ann', coupon_code: 'bob10', affiliate_id: 11 });
    const m = 'click c-ann on promo ANN1, 3 days before the event (window 30 days)';
    expect(d).toEqual({
      binding: annClick,
      method: 'click_id',
      change: 'initial',
      click: clicks.get('c-ann'),
      explanation: explained(LIFETIME, annClick, {
        method: 'click_id',
        winner: { kind: 'click_id', value: 'c-ann', detail: m },
        rejected: [
          {
            kind: 'coupon_code',
            value: 'bob10',
            reason: 'lower_priority',
            message: 'coupon code BOB10 of Bob, but the click id comes first',
          },
          {
            kind: 'affiliate_id',
            value: 11,
            reason: 'lower_priority',
            message: 'affiliate Bob named by the operator, but the click id comes first',
          },
        ],
        summary: `Attributed to Ann by ${m}. Not used: coupon code BOB10 of Bob, but the click id comes first; affiliate Bob named by the operator, but the click id comes first.`,
      }),
    });
  });

  it('goes to the coupon code when the click cannot be used, and a coupon beats the affiliate named', () => {
    const d = decide({ click_id: 'nope', coupon_code: 'ann10', affiliate_id: 11 });
    const binding = {
      affiliateId: 10,
      campaignId: 100,
      promoId: 200,
      clickId: null,
      clickedAt: null,
      couponCodeId: 300,
      method: 'coupon_code',
    };
    expect(d).toEqual({
      binding,
      method: 'coupon_code',
      change: 'initial',
      click: null,
      explanation: explained(LIFETIME, binding as never, {
        method: 'coupon_code',
        winner: { kind: 'coupon_code', value: 'ann10', detail: 'coupon code ANN10 of Ann' },
        rejected: [
          { kind: 'click_id', value: 'nope', reason: 'unknown', message: 'no click nope was recorded' },
          {
            kind: 'affiliate_id',
            value: 11,
            reason: 'lower_priority',
            message: 'affiliate Bob named by the operator, but the coupon code comes first',
          },
        ],
        summary:
          'Attributed to Ann by coupon code ANN10 of Ann. Not used: no click nope was recorded; affiliate Bob named by the operator, but the coupon code comes first.',
      }),
    });
  });

  it('goes to the affiliate named by the operator, with its campaign', () => {
    const d = decide({ affiliate_id: 11, campaign_id: 101 });
    const binding = {
      affiliateId: 11,
      campaignId: 101,
      promoId: null,
      clickId: null,
      clickedAt: null,
      couponCodeId: null,
      method: 'affiliate_id',
    };
    expect(d).toEqual({
      binding,
      method: 'affiliate_id',
      change: 'initial',
      click: null,
      explanation: explained(LIFETIME, binding as never, {
        method: 'affiliate_id',
        winner: { kind: 'affiliate_id', value: 11, detail: 'affiliate Bob named by the operator' },
        rejected: [],
        summary: 'Attributed to Bob by affiliate Bob named by the operator.',
      }),
    });
    // Without a campaign the binding has none.
    expect(decide({ affiliate_id: 11 }).binding).toEqual({ ...binding, campaignId: null });
  });

  it.each([
    [{ click_id: 'c-other' }, 'other_brand', 'click c-other went to brand 2'],
    [{ click_id: 'c-late' }, 'click_after_event', 'click c-late came after the event'],
    [{ click_id: 'c-old' }, 'expired', 'click c-old was 30 days before the event, past the 30-day window'],
    [{ click_id: 'c-cid' }, 'inactive_affiliate', 'click c-cid: affiliate Cid is suspended'],
    [{ click_id: 'c-ghost' }, 'unknown', 'click c-ghost: affiliate 99 does not exist'],
    [{ click_id: 'c-arch' }, 'archived_campaign', 'click c-arch: campaign 103 is archived'],
    [{ click_id: 'c-off' }, 'disabled_promo', 'click c-off: promo OFF is disabled'],
    [{ coupon_code: 'nothere' }, 'unknown', 'no coupon code nothere exists for this brand'],
    [{ coupon_code: 'off10' }, 'disabled_coupon', 'coupon code OFF10 is disabled'],
    [{ coupon_code: 'soon' }, 'not_yet_valid', 'coupon code SOON is valid from 2026-05-10T12:00:00.001Z'],
    [{ coupon_code: 'past' }, 'expired', 'coupon code PAST was valid until 2026-05-10T11:59:59.999Z'],
    [{ coupon_code: 'cid' }, 'inactive_affiliate', 'coupon code CID: affiliate Cid is suspended'],
    [{ affiliate_id: 11, campaign_id: 100 }, 'unknown', 'affiliate 11 has no campaign 100'],
    [{ affiliate_id: 11, campaign_id: 999 }, 'unknown', 'affiliate 11 has no campaign 999'],
    [{ affiliate_id: 10, campaign_id: 102 }, 'other_brand', 'campaign 102 is for brand 2'],
    [{ affiliate_id: 10, campaign_id: 103 }, 'archived_campaign', 'campaign 103 is archived'],
    [{ affiliate_id: 12 }, 'inactive_affiliate', 'affiliate Cid is suspended'],
    [{ affiliate_id: 98 }, 'unknown', 'affiliate 98 does not exist'],
  ] as [EventHints, string, string][])('refuses %j: %s', (hints, reason, message) => {
    const d = decide(hints);
    const [kind, value] = Object.entries(hints)[0] as [string, string | number];
    expect(d.binding).toBeNull();
    expect(d.explanation.rejected).toEqual([{ kind, value, reason, message }]);
    expect(d.explanation.summary).toBe(`Unattributed: no hint could be used. Not used: ${message}.`);
  });

  it.each([
    // The window's edges belong to it: a click at the event's instant, one exactly 30 days before.
    ['c-now', 'click c-now on promo ANN1, 0 seconds before the event (window 30 days)'],
    ['c-30d', 'click c-30d on promo ANN1, 30 days before the event (window 30 days)'],
    // How long before, in the unit that fits: 59.4 s, 60 s, 59 min 20 s, 1 h, 47 h 20 min, 48 h.
    ['c-59s', 'click c-59s on promo ANN1, 59 seconds before the event (window 30 days)'],
    ['c-1m', 'click c-1m on promo ANN1, 1 minutes before the event (window 30 days)'],
    ['c-59m', 'click c-59m on promo ANN1, 59 minutes before the event (window 30 days)'],
    ['c-1h', 'click c-1h on promo ANN1, 1 hours before the event (window 30 days)'],
    ['c-47h', 'click c-47h on promo ANN1, 47 hours before the event (window 30 days)'],
    ['c-2d', 'click c-2d on promo ANN1, 2 days before the event (window 30 days)'],
    // A promo the lookups lack is named by its id.
    ['c-nopromo', 'click c-nopromo on promo 299, 1 hours before the event (window 30 days)'],
    // Nor does a campaign the lookups lack stop it.
    ['c-nocampaign', 'click c-nocampaign on promo ANN1, 1 hours before the event (window 30 days)'],
  ])('takes click %s', (id, message) => {
    const d = decide({ click_id: id });
    expect(d.method).toBe('click_id');
    expect(d.binding?.clickId).toBe(id);
    expect(d.explanation.winner).toEqual({ kind: 'click_id', value: id, detail: message });
  });

  it('measures the window in the policy days', () => {
    const d = decide({ click_id: 'c-ann' }, { binding: 'lifetime', lookbackDays: 2 });
    expect(d.binding).toBeNull();
    expect(d.explanation.rejected[0]?.message).toBe(
      'click c-ann was 3 days before the event, past the 2-day window',
    );
    expect(d.explanation.policy).toEqual({ binding: 'lifetime', click_lookback_days: 2 });
  });

  it('takes a coupon valid from and until the instant of the event', () => {
    expect(decide({ coupon_code: 'FromNow' }).binding?.couponCodeId).toBe(304);
  });
});

describe('a customer already bound', () => {
  const current: Binding = { ...(annClick as Binding), boundAt: new Date('2026-05-08T09:30:00.000Z') };
  const bound = { ...annClick };

  it('stays with its owner for its lifetime, every usable hint noted', () => {
    const d = decide({ click_id: 'c-bob', coupon_code: 'BOB10', affiliate_id: 12 }, LIFETIME, current);
    const tail = ', but the customer already belongs to Ann for its lifetime';
    expect(d).toEqual({
      binding: bound,
      method: 'customer',
      change: null,
      click: null,
      explanation: explained(LIFETIME, bound, {
        method: 'customer',
        winner: {
          kind: 'customer',
          value: null,
          detail: 'bound to Ann by click id on 2026-05-08T09:30:00.000Z',
        },
        rejected: [
          {
            kind: 'click_id',
            value: 'c-bob',
            reason: 'customer_bound',
            message: `click c-bob on promo BOB1, 1 hours before the event (window 30 days)${tail}`,
          },
          {
            kind: 'coupon_code',
            value: 'BOB10',
            reason: 'customer_bound',
            message: `coupon code BOB10 of Bob${tail}`,
          },
          {
            kind: 'affiliate_id',
            value: 12,
            reason: 'inactive_affiliate',
            message: 'affiliate Cid is suspended',
          },
        ],
        summary: `Belongs to Ann: the customer was bound by click id on 2026-05-08. Not used: click c-bob on promo BOB1, 1 hours before the event (window 30 days)${tail}; coupon code BOB10 of Bob${tail}; affiliate Cid is suspended.`,
      }),
    });
  });

  it('moves to a newer click of another under last click, the rest lower in priority', () => {
    const d = decide({ click_id: 'c-bob', coupon_code: 'ANN10', affiliate_id: 12 }, LAST_CLICK, current);
    const binding = {
      affiliateId: 11,
      campaignId: 101,
      promoId: 201,
      clickId: 'c-bob',
      clickedAt: ago(HOUR),
      couponCodeId: null,
      method: 'click_id',
    };
    const m = 'click c-bob on promo BOB1, 1 hours before the event (window 30 days)';
    expect(d).toEqual({
      binding,
      method: 'click_id',
      change: 'takeover',
      click: clicks.get('c-bob'),
      explanation: explained(LAST_CLICK, binding, {
        method: 'click_id',
        winner: { kind: 'click_id', value: 'c-bob', detail: m },
        rejected: [
          {
            kind: 'coupon_code',
            value: 'ANN10',
            reason: 'lower_priority',
            message: 'coupon code ANN10 of Ann',
          },
          {
            kind: 'affiliate_id',
            value: 12,
            reason: 'inactive_affiliate',
            message: 'affiliate Cid is suspended',
          },
        ],
        summary: `Moved to Bob by a newer ${m} (last click wins). Not used: coupon code ANN10 of Ann; affiliate Cid is suspended.`,
      }),
    });
  });

  it('moves under last click from a binding without a click (a coupon) to any click', () => {
    const byCoupon: Binding = {
      ...current,
      clickId: null,
      clickedAt: null,
      couponCodeId: 300,
      method: 'coupon_code',
    };
    const d = decide({ click_id: 'c-ann' }, LAST_CLICK, byCoupon);
    expect(d.change).toBe('takeover');
    expect(d.binding).toEqual(annClick);
    expect(d.explanation.summary).toBe(
      'Moved to Ann by a newer click c-ann on promo ANN1, 3 days before the event (window 30 days) (last click wins).',
    );
    // Only a click takes over: a coupon of another leaves the customer where it is.
    const coupon = decide({ coupon_code: 'BOB10' }, LAST_CLICK, byCoupon);
    expect(coupon.change).toBeNull();
    expect(coupon.binding?.couponCodeId).toBe(300);
    expect(coupon.explanation.rejected).toEqual([
      {
        kind: 'coupon_code',
        value: 'BOB10',
        reason: 'customer_bound',
        message: 'coupon code BOB10 of Bob, but the customer already belongs to Ann',
      },
    ]);
  });

  it('stays under last click with an older click, the same click, or a coupon of another', () => {
    const byBob: Binding = {
      affiliateId: 11,
      campaignId: 101,
      promoId: 201,
      clickId: 'c-bob',
      clickedAt: ago(HOUR),
      couponCodeId: null,
      method: 'click_id',
      boundAt: new Date('2026-05-10T11:00:00.000Z'),
    };
    const older = decide({ click_id: 'c-ann', coupon_code: 'ANN10' }, LAST_CLICK, byBob);
    expect(older.change).toBeNull();
    expect(older.method).toBe('customer');
    expect(older.explanation.rejected).toEqual([
      {
        kind: 'click_id',
        value: 'c-ann',
        reason: 'not_newer',
        message:
          'click c-ann on promo ANN1, 3 days before the event (window 30 days), but the customer already belongs to Bob',
      },
      {
        kind: 'coupon_code',
        value: 'ANN10',
        reason: 'customer_bound',
        message: 'coupon code ANN10 of Ann, but the customer already belongs to Bob',
      },
    ]);
    // A click of another at the same instant as the binding's is not newer.
    const tie = decide({ click_id: 'c-1h' }, LAST_CLICK, byBob);
    expect(tie.change).toBeNull();
    expect(tie.explanation.rejected[0]?.reason).toBe('not_newer');
    // The owner's own click again, and a click of the owner: bound, not "not newer".
    const same = decide({ click_id: 'c-bob' }, LAST_CLICK, byBob);
    expect(same.change).toBeNull();
    expect(same.explanation.rejected[0]?.reason).toBe('customer_bound');
    const ownOlder = decide({ click_id: 'c-bob' }, LAST_CLICK, { ...byBob, clickId: 'c-x', clickedAt: T });
    expect(ownOlder.explanation.rejected[0]?.reason).toBe('customer_bound');
    // A newer click with the id of the binding's click (the same click) never takes over.
    const sameId = decide({ click_id: 'c-bob' }, LAST_CLICK, { ...byBob, clickedAt: ago(DAY) });
    expect(sameId.change).toBeNull();
    // Lifetime never moves, a newer click of another included.
    const life = decide({ click_id: 'c-ann' }, LIFETIME, { ...byBob, clickedAt: ago(10 * DAY) });
    expect(life.change).toBeNull();
    expect(life.binding?.affiliateId).toBe(11);
    expect(life.explanation.rejected[0]?.reason).toBe('customer_bound');
  });

  it('names a binding by affiliate id with its method in words', () => {
    const named: Binding = {
      affiliateId: 11,
      campaignId: null,
      promoId: null,
      clickId: null,
      clickedAt: null,
      couponCodeId: null,
      method: 'affiliate_id',
      boundAt: new Date('2026-01-02T03:04:05.000Z'),
    };
    const d = decide({}, LIFETIME, named);
    expect(d.binding).not.toHaveProperty('boundAt');
    expect(d.explanation.winner).toEqual({
      kind: 'customer',
      value: null,
      detail: 'bound to Bob by affiliate id on 2026-01-02T03:04:05.000Z',
    });
    expect(d.explanation.summary).toBe(
      'Belongs to Bob: the customer was bound by affiliate id on 2026-01-02.',
    );
  });
});
