/**
 * The placeholders a click fills by itself: the one list the API docs, the operator API (and so
 * the web app's help and preview) and the custom-parameter check read. The click path fills them
 * from promo-routes.ts (builtIns) and the click handler (click_id); test/tracking/placeholders.test.ts
 * keeps the two in step.
 */
export interface BuiltInPlaceholder {
  name: string;
  meaning: string;
  /** What a preview shows in its place. */
  sample: string;
}

export const BUILT_IN_PLACEHOLDERS: readonly BuiltInPlaceholder[] = [
  { name: 'click_id', meaning: 'the click’s unique id', sample: '01JABCDEFGHJKMNPQRSTVWXYZ0' },
  { name: 'affiliate_id', meaning: 'the affiliate’s id', sample: '42' },
  { name: 'promo_id', meaning: 'the promo’s id', sample: '7' },
  { name: 'promo_code', meaning: 'the code in the tracking link', sample: 'k3x9q2m8w4za' },
  { name: 'campaign_id', meaning: 'the campaign’s id', sample: '12' },
  { name: 'brand_id', meaning: 'the brand’s id', sample: '1' },
  { name: 'link_id', meaning: 'this destination link’s id', sample: '3' },
  { name: 'traffic_source_id', meaning: 'the promo’s traffic source; empty if none', sample: '5' },
];

export const BUILT_IN_NAMES: readonly string[] = BUILT_IN_PLACEHOLDERS.map((p) => p.name);

/** Query parameters of the tracking link stored in their own click columns (clicks.sub1...). */
export const SUB_IDS: readonly string[] = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'];
