import { type ExtraPermission, isExtraPermission } from '../../../core/affiliates/extra-permissions.ts';

/** Smartico's extra_role_ids for our extra permissions. */
export const EXTRA_ROLE_IDS: Record<ExtraPermission, number> = {
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
};

const BY_ID = new Map(Object.entries(EXTRA_ROLE_IDS).map(([k, v]) => [v, k as ExtraPermission]));

export function toSmarticoRoleIds(permissions: readonly string[]): number[] {
  return permissions.filter(isExtraPermission).map((p) => EXTRA_ROLE_IDS[p]);
}

export function fromSmarticoRoleIds(ids: readonly number[]): {
  permissions: ExtraPermission[];
  unknown: number[];
} {
  const permissions: ExtraPermission[] = [];
  const unknown: number[] = [];
  for (const id of ids) {
    const p = BY_ID.get(id);
    if (p) permissions.push(p);
    else unknown.push(id);
  }
  return { permissions, unknown };
}
