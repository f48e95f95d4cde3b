import { type Static, Type } from 'typebox';
import { Nullable } from '../../schemas/common.ts';

// af2_aff_op's affiliate, field by field in the document's order, so /docs shows each and the
// serializer writes exactly these (plus custom_prop_<tag id>). What each is: affiliate-row.ts.

const S = (description?: string) => Type.String(description ? { description } : {});
const NS = (description?: string) => Nullable(S(description));
const I = (description?: string) => Type.Integer(description ? { description } : {});
const NI = (description?: string) => Nullable(I(description));
const N = (description: string) => Type.Number({ description });
const NN = (description: string) => Nullable(N(description));
const Never = (why: string) => Type.Null({ description: `Always null: ${why}` });
const Time = (description: string) => Type.String({ format: 'date-time', description });

const DealInfo = Type.Object(
  {
    deal_group_name: S("The plan's name"),
    deal_type_id: I('Bit mask: 1 CPL, 2 CPA, 4 RevShare NetPL, 8 RevShare NetDeposit (summed)'),
    cpa_amount: NN('CPA amount, major units of the plan currency'),
    rev_share_percentage: NN('Revshare rate in percent'),
    cpl_amount: NN('CPL amount, major units of the plan currency'),
  },
  { description: 'The plan in force without a campaign on the first enabled brand that has one' },
);

export const SmarticoAffiliate = Type.Object(
  {
    id: I('The affiliate id'),
    affiliate_id: I('The same id'),
    affiliate_name: S('name'),
    country: NS('address.country_code'),
    company: NS('company_name'),
    web_site_url: NS('website_url'),
    comments: NS('affiliate_notes (null when empty)'),
    comments_from_operator: NS('internal_notes (null when empty)'),
    visibility: Never('Affluent has no visibility setting'),
    aff_status_id: I('1 Pending, 2 Approved, 3 Declined, 4 Suspended, 5 ViewOnly'),
    operator_id: Never('one operator per installation'),
    parent_affiliate_id: NI('referrer_id'),
    create_date: Time('created_at'),
    update_date: Time('updated_at'),
    create_by: Never('who created an account is in its history'),
    bo_user_id: NI('The owner user (else the first user)'),
    ext_affiliate_id: NS('external_id'),
    payment_method_name: NS('The payment method type, in words'),
    payment_method_id: NI('The payment method type (table in the description)'),
    payment_method_details: Nullable(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "The payment method's details, masked as the native API reads them",
      }),
    ),
    payment_threshold_oper_currency: NN('billing invoice_amount_threshold, major units (null when 0)'),
    bo_label_id: Never('one label (program) per installation'),
    label_name: S("The program's name"),
    no_carry_over: Type.Boolean({ description: 'no_negative_carry_over' }),
    no_carry_over_was_set: Type.Boolean({ description: 'no_negative_carry_over' }),
    sub_affiliate_url: NS("The affiliate's referral link"),
    same_manager_url: Never('sign-up links carry no manager'),
    aff_status_name: S('Pending, Approved, Declined, Suspended or ViewOnly'),
    last_login_date: Nullable(Time('last_login_at')),
    username: NS("The owner's email (Affluent signs in by email)"),
    bo_user_email: NS("The owner's email"),
    avatar_image_url: Never('Affluent keeps no avatars'),
    two_fa_enabled: Type.Boolean({ description: "The owner's two-factor authentication" }),
    api_access_enabled: Type.Boolean(),
    first_name: S("The owner's first name ('' without)"),
    last_name: S("The owner's last name ('' without)"),
    phone_number: S("phone ('' without)"),
    skype: S("messengers.skype ('' without)"),
    contact_fb: S("messengers.facebook ('' without)"),
    contact_vk: S("messengers.vk ('' without)"),
    contact_telegram: S("messengers.telegram ('' without)"),
    enabled_for_login: Type.Boolean({ description: 'The owner user is active' }),
    language: NS('language, upper case'),
    operator_currency: NS(
      "The affiliate's default currency, else the currency it has money in, else the first brand's",
    ),
    manager_id: NI('account_manager_id'),
    manager_username: NS("The account manager's name"),
    parent_affiliate_name: NS("The referrer's name"),
    commissions_total: N('Approved bills, major units of operator_currency'),
    balance: N('The total balance (commissions - payments + adjustments)'),
    payments: N('Paid cash-outs net of refunds'),
    adjustments: N('Corrections, funds, charges and conversions'),
    sub_affiliate_fee: NN("The referral settings' flat fee"),
    sub_cpa_fee: N("The default deal's first sub-affiliate level CPA fee (0 without)"),
    sub_commission_cut_percent: NN("The referral percentage, else the default deal's first level cut"),
    extra_role_ids: Type.Array(Type.Integer(), {
      description: 'Extra permissions (table in the description)',
    }),
    default_deal_info: Nullable(DealInfo),
  },
  {
    description:
      'An affiliate with every field of the document, in its order, then custom_prop_<tag id>: <value id> for each custom tag it has',
    patternProperties: { '^custom_prop_[1-9][0-9]{0,8}$': Type.Integer() },
  },
);

export type SmarticoAffiliateRow = Static<typeof SmarticoAffiliate> & Record<string, unknown>;
