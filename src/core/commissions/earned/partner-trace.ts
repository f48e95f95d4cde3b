// @internal: what an affiliate may see of a commission's structured trace.
import type { CommissionView } from './commission-view.ts';

/** The trace's parts about the affiliate's own customers' money and the rule applied to it. */
const OWN = [
  'rule',
  'kind',
  'inputs',
  'qualification',
  'tier',
  'country_amount',
  'hold_days',
  'hold_until',
  'duration',
  'months',
  'percent',
  'fixed_amount',
  'figures',
  'ggr',
  'net_pl',
  'net_deposits',
  'basis',
  'basis_amount',
  'deductions',
  'rate',
  'carry_over',
  'paid_before',
  'formula',
  'amount',
];

/**
 * The inputs of a commission as its affiliate sees them: what its own customers did and the
 * rule, tier and formula that turned it into money. A sub-affiliate cut shows only its level and
 * kind: its inputs are another affiliate's earnings.
 */
export function partnerInputs(view: CommissionView): Record<string, unknown> {
  const trace = view.trace;
  const keys = view.kind.startsWith('sub_') ? ['rule', 'kind', 'level'] : OWN;
  return Object.fromEntries(keys.filter((k) => trace[k] !== undefined).map((k) => [k, trace[k]]));
}
