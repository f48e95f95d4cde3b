/**
 * Extra measurements and reports an affiliate may see (Smartico's extra_role_ids). Native names
 * are ours; the Smartico id beside each is what its compatibility API shows.
 */
export const EXTRA_PERMISSIONS = {
  registrations_report: 100,
  qualification_date: 101,
  registrations_country: 102,
  ftd_date: 103,
  ftd_count: 104,
  net_deposits: 105,
  deposits_count: 107,
  qftd_count: 113,
  withdrawals: 116,
  deposit_amount: 118,
  ftd_amount: 122,
  sub_affiliate_commissions: 126,
  qleads_count: 151,
  effective_cpa: 152,
  effective_cpl: 153,
  net_pnl: 165,
  pnl: 224,
  bonus_amount: 232,
} as const;

export type ExtraPermission = keyof typeof EXTRA_PERMISSIONS;
export const EXTRA_PERMISSION_NAMES = Object.keys(EXTRA_PERMISSIONS) as ExtraPermission[];

export function isExtraPermission(value: string): value is ExtraPermission {
  return Object.hasOwn(EXTRA_PERMISSIONS, value);
}

export function toSmarticoRoleIds(permissions: readonly string[]): number[] {
  return permissions.filter(isExtraPermission).map((p) => EXTRA_PERMISSIONS[p]);
}

export function fromSmarticoRoleIds(ids: readonly number[]): {
  permissions: ExtraPermission[];
  unknown: number[];
} {
  const byId = new Map(
    Object.entries(EXTRA_PERMISSIONS).map(([k, v]) => [v as number, k as ExtraPermission]),
  );
  const permissions: ExtraPermission[] = [];
  const unknown: number[] = [];
  for (const id of ids) {
    const p = byId.get(id);
    if (p) permissions.push(p);
    else unknown.push(id);
  }
  return { permissions, unknown };
}
