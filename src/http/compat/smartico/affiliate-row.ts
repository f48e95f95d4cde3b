import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { getReferralLink } from '../../../core/affiliates/referral-link.ts';
import type { AffiliateUser } from '../../../core/affiliates/users.ts';
import { getDefaultDeal } from '../../../core/commissions/plans/default-deal.ts';
import { getBalances } from '../../../core/ledger/get-balances.ts';
import { majorUnits, minorUnitOf } from '../../../core/reference/money-format.ts';
import type { Db } from '../../../db/index.ts';
import type { SmarticoAffiliateRow } from './affiliate-schema.ts';
import { toSmarticoRoleIds } from './extra-roles.ts';
import { toSmarticoStatus } from './status.ts';
import { MESSENGER_FIELDS, toSmarticoPayment } from './vocabulary.ts';

/** What one GET af2_aff_op needs once, whatever the number of rows. */
export interface RowContext {
  db: Db;
  publicUrl: string;
  /** Smartico's label is the operator's program: one per installation. */
  labelName: string;
  /** The currency of an affiliate without a default currency or money: the first brand's. */
  fallbackCurrency: string | null;
}

const RELATIONSHIPS = ['users', 'billing', 'account_manager', 'referrer', 'custom_tags'] as const;
const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
/** Smartico's amounts are JSON numbers in major units. */
const amount = (minor: bigint, minorUnit: number) => Number(majorUnits(minor, minorUnit));

type Rels = {
  users: AffiliateUser[];
  billing: {
    invoice_amount_threshold: bigint;
    payment_method: { type: string; details: Record<string, unknown> };
  };
  account_manager: { id: number; name: string; email: string } | null;
  referrer: { id: number; name: string } | null;
  custom_tags: { tag_id: number; value_id: number }[];
};

/** The user Smartico's bo_user_* fields are: the owner, else the first user. */
export const ownerOf = (users: readonly AffiliateUser[]) => users.find((u) => u.is_owner) ?? users[0] ?? null;

/** One affiliate as af2_aff_op shows it, every field read through the native core reads. */
export async function smarticoAffiliate(ctx: RowContext, id: number): Promise<SmarticoAffiliateRow> {
  const { db } = ctx;
  const a = await getAffiliate(db, id, RELATIONSHIPS);
  const rel = a.relationships as unknown as Rels;
  const [balances, deal, referral] = await Promise.all([
    getBalances({ db, affiliateId: id }),
    getDefaultDeal({ db, affiliateId: id }),
    getReferralLink(db, id, ctx.publicUrl),
  ]);
  const currency = a.default_currency ?? balances[0]?.currency ?? ctx.fallbackCurrency;
  const minorUnit = currency ? await minorUnitOf(db, currency) : 2;
  const money = balances.find((b) => b.currency === currency);
  const owner = ownerOf(rel.users);
  const status = toSmarticoStatus(a.status);
  const payment = toSmarticoPayment(rel.billing.payment_method.type as never);
  const threshold = rel.billing.invoice_amount_threshold;
  const referralMethod = a.referral.enabled ? a.referral.method : null;
  const subLevel = deal?.version.definition.sub_affiliate?.levels[0];
  const messenger = (field: keyof typeof MESSENGER_FIELDS) => a.messengers[MESSENGER_FIELDS[field]] ?? '';
  return {
    id: a.id,
    affiliate_id: a.id,
    affiliate_name: a.name,
    country: a.address?.country_code ?? null,
    company: a.company_name,
    web_site_url: a.website_url,
    comments: a.affiliate_notes || null,
    comments_from_operator: a.internal_notes || null,
    visibility: null,
    aff_status_id: status.id,
    operator_id: null,
    parent_affiliate_id: a.referrer_id,
    create_date: iso(a.created_at),
    update_date: iso(a.updated_at),
    create_by: null,
    bo_user_id: owner?.id ?? null,
    ext_affiliate_id: a.external_id,
    payment_method_name: payment.name,
    payment_method_id: payment.id,
    payment_method_details: payment.id === null ? null : rel.billing.payment_method.details,
    payment_threshold_oper_currency: threshold > 0n ? amount(threshold, minorUnit) : null,
    bo_label_id: null,
    label_name: ctx.labelName,
    no_carry_over: a.no_negative_carry_over,
    no_carry_over_was_set: a.no_negative_carry_over,
    sub_affiliate_url: referral.url,
    same_manager_url: null,
    aff_status_name: status.name,
    last_login_date: iso(a.last_login_at),
    username: owner?.email ?? null,
    bo_user_email: owner?.email ?? null,
    avatar_image_url: null,
    two_fa_enabled: owner?.two_factor_enabled ?? false,
    api_access_enabled: a.api_access_enabled,
    first_name: owner?.first_name ?? '',
    last_name: owner?.last_name ?? '',
    phone_number: a.phone ?? '',
    skype: messenger('skype'),
    contact_fb: messenger('contact_fb'),
    contact_vk: messenger('contact_vk'),
    contact_telegram: messenger('contact_telegram'),
    enabled_for_login: owner?.status === 'active',
    language: a.language ? a.language.toUpperCase() : null,
    operator_currency: currency,
    manager_id: a.account_manager_id,
    manager_username: rel.account_manager?.name || rel.account_manager?.email || null,
    parent_affiliate_name: rel.referrer?.name ?? null,
    commissions_total: amount(money?.commissions ?? 0n, minorUnit),
    balance: amount(money?.total ?? 0n, minorUnit),
    payments: amount(money?.payments ?? 0n, minorUnit),
    adjustments: amount(money?.adjustments ?? 0n, minorUnit),
    sub_affiliate_fee:
      referralMethod === 'flat_fee' && a.referral.value !== null ? Number(a.referral.value) : null,
    sub_cpa_fee: deal && subLevel?.cpa_fee ? amount(BigInt(subLevel.cpa_fee), deal.minor_unit) : 0,
    sub_commission_cut_percent:
      referralMethod === 'percentage' && a.referral.value !== null
        ? Number(a.referral.value)
        : subLevel?.revshare_cut_percent != null
          ? Number(subLevel.revshare_cut_percent)
          : null,
    extra_role_ids: toSmarticoRoleIds(a.extra_permissions),
    default_deal_info: deal && {
      deal_group_name: deal.plan.name,
      deal_type_id: deal.version.deal_type_id,
      cpa_amount: deal.version.definition.cpa
        ? amount(BigInt(deal.version.definition.cpa.amount), deal.minor_unit)
        : null,
      rev_share_percentage: deal.version.definition.revshare
        ? Number(deal.version.definition.revshare.rate)
        : null,
      cpl_amount: deal.version.definition.cpl
        ? amount(BigInt(deal.version.definition.cpl.amount), deal.minor_unit)
        : null,
    },
    ...Object.fromEntries(rel.custom_tags.map((t) => [`custom_prop_${t.tag_id}`, t.value_id])),
  } as SmarticoAffiliateRow;
}
