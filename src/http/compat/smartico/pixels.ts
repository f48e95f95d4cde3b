import type { PostbackDelivery, PostbackTrigger } from '../../../core/postbacks/postback.ts';

// Smartico's pixel definitions (af2_pixel_definitions_op) are native postbacks in its words, for
// its compatibility API: pixel_trigger_type_id, pixel_type_id, deal_id (-1: every deal) and
// pixel_status (1 active, 2 inactive). Triggers without a Smartico number have none to show.

/** pixel_trigger_type_id: 1 lead created, 2 lead qualified, 3 FTD made, 4 qualified FTD made. */
export const SMARTICO_TRIGGERS: Record<1 | 2 | 3 | 4, PostbackTrigger> = {
  1: 'registration',
  2: 'qualified_lead',
  3: 'first_deposit',
  4: 'qualified_first_deposit',
};

/** pixel_type_id: 1 server-to-server HTTP call, 2 client image, 3 client iframe, 4 client JavaScript. */
export const SMARTICO_DELIVERIES: Record<1 | 2 | 3 | 4, PostbackDelivery> = {
  1: 's2s_get',
  2: 'image',
  3: 'iframe',
  4: 'javascript',
};

const invert = <K extends number, V extends string>(map: Record<K, V>) =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [v, Number(k)])) as Partial<Record<V, K>>;

export const TRIGGER_TO_SMARTICO = invert(SMARTICO_TRIGGERS);
/** s2s_post has no Smartico number; it shows as the server-to-server call it is. */
export const DELIVERY_TO_SMARTICO: Record<PostbackDelivery, 1 | 2 | 3 | 4> = {
  ...invert(SMARTICO_DELIVERIES),
  s2s_post: 1,
} as Record<PostbackDelivery, 1 | 2 | 3 | 4>;

/** deal_id: -1 for every deal (no plan filter), else the plan's id. */
export const toSmarticoDeal = (planId: number | null): number => planId ?? -1;
export const fromSmarticoDeal = (dealId: number): number | null => (dealId === -1 ? null : dealId);

/** pixel_status: 1 active, 2 inactive. */
export const toSmarticoStatus = (status: 'active' | 'inactive'): 1 | 2 => (status === 'active' ? 1 : 2);
export const fromSmarticoStatus = (status: 1 | 2): 'active' | 'inactive' =>
  status === 1 ? 'active' : 'inactive';

/** The native postback's fields this API reads and writes, for the definition's Smartico shape. */
export interface PixelSource {
  id: number;
  affiliate_id: number;
  name: string;
  trigger: PostbackTrigger;
  plan_id: number | null;
  delivery: PostbackDelivery;
  status: 'active' | 'inactive';
  url: string;
}

/** One pixel definition as af2_pixel_definitions_op shows it, in the document's field order. */
export function toSmarticoPixel(p: PixelSource) {
  return {
    id: p.id,
    pixel_trigger_type_id: TRIGGER_TO_SMARTICO[p.trigger] ?? null,
    pixel_type_id: DELIVERY_TO_SMARTICO[p.delivery],
    pixel_name: p.name,
    pixel: p.url,
    affiliate_id: p.affiliate_id,
    deal_id: toSmarticoDeal(p.plan_id),
    pixel_status: toSmarticoStatus(p.status),
  };
}

/** Native error paths of a postback in Smartico's names. */
export const PIXEL_FIELD_NAMES: Record<string, string> = {
  name: 'pixel_name',
  url: 'pixel',
  trigger: 'pixel_trigger_type_id',
  delivery: 'pixel_type_id',
  plan_id: 'deal_id',
  status: 'pixel_status',
};
