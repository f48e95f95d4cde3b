/**
 * Extra measurements and reports an affiliate may see. The names are ours; what a vendor calls
 * them (Smartico's extra_role_ids) is mapped in src/http/compat/<vendor>/.
 */
export const EXTRA_PERMISSION_NAMES = [
  'registrations_report',
  'qualification_date',
  'registrations_country',
  'ftd_date',
  'ftd_count',
  'net_deposits',
  'deposits_count',
  'qftd_count',
  'withdrawals',
  'deposit_amount',
  'ftd_amount',
  'sub_affiliate_commissions',
  'qleads_count',
  'effective_cpa',
  'effective_cpl',
  'net_pnl',
  'pnl',
  'bonus_amount',
] as const;

export type ExtraPermission = (typeof EXTRA_PERMISSION_NAMES)[number];

export function isExtraPermission(value: string): value is ExtraPermission {
  return (EXTRA_PERMISSION_NAMES as readonly string[]).includes(value);
}
