import { PAYMENT_TYPES, type PaymentType } from '../../../core/affiliates/payment-methods.ts';
import { EXTRA_ROLE_IDS } from './extra-roles.ts';
import { SMARTICO_DELIVERIES, SMARTICO_TRIGGERS } from './pixels.ts';

// Smartico's words against the native ones, both ways: payment methods, the affiliate fields of
// af2_aff_op and the tables /docs and docs/migrating-from-smartico.md show (statuses in
// status.ts, extra roles in extra-roles.ts, pixels in pixels.ts).

/**
 * payment_method_id: Smartico numbers its operator-defined methods; Affluent's types are fixed,
 * numbered here in their order with wire transfer first as in Smartico's example (1).
 */
const PAYMENT_ORDER: PaymentType[] = ['wire', ...PAYMENT_TYPES.filter((t) => t !== 'wire' && t !== 'none')];
export const PAYMENT_METHOD_IDS = Object.fromEntries(PAYMENT_ORDER.map((t, i) => [t, i + 1])) as Record<
  Exclude<PaymentType, 'none'>,
  number
>;
const PAYMENT_NAMES: Record<Exclude<PaymentType, 'none'>, string> = {
  wire: 'Wire Transfer',
  paypal: 'PayPal',
  check: 'Check',
  direct_deposit: 'Direct Deposit',
  tipalti: 'Tipalti',
  paxum: 'Paxum',
  veem: 'Veem',
  payoneer: 'Payoneer',
  bitcoin: 'Bitcoin',
  webmoney: 'WebMoney',
  capitalist: 'Capitalist',
  transferwise: 'Wise (TransferWise)',
  gift_card: 'Gift Card',
  masspay: 'MassPay',
  skrill: 'Skrill',
};

export function toSmarticoPayment(type: PaymentType): { id: number | null; name: string | null } {
  return type === 'none'
    ? { id: null, name: null }
    : { id: PAYMENT_METHOD_IDS[type], name: PAYMENT_NAMES[type] };
}

/** Messenger fields of af2_aff_op and the native messenger they are. */
export const MESSENGER_FIELDS = {
  skype: 'skype',
  contact_fb: 'facebook',
  contact_vk: 'vk',
  contact_telegram: 'telegram',
  contact_discord: 'discord',
} as const;

/** PUT af2_aff_op fields that are the affiliate's own, and the native field each sets. */
export const AFFILIATE_FIELDS = {
  comments: 'affiliate_notes',
  company: 'company_name',
  country: 'address.country_code',
  web_site_url: 'website_url',
  comments_from_operator: 'internal_notes',
  aff_status_id: 'status',
  ext_affiliate_id: 'external_id',
  no_carry_over: 'no_negative_carry_over',
  manager_id: 'account_manager_id',
  api_access_enabled: 'api_access_enabled',
  phone_number: 'phone',
  language: 'language',
  ...Object.fromEntries(Object.entries(MESSENGER_FIELDS).map(([k, v]) => [k, `messengers.${v}`])),
} as Record<string, string>;

/** PUT af2_aff_op fields of the affiliate's owner user (its first user without one). */
export const OWNER_FIELDS = {
  first_name: 'users[owner].first_name',
  last_name: 'users[owner].last_name',
  bo_user_email: 'users[owner].email',
  two_fa_enabled: 'users[owner] two-factor (only turned off here)',
} as Record<string, string>;

const DEAL_BITS = [
  [1, 'CPL', '`cpl`'],
  [2, 'CPA', '`cpa`'],
  [4, 'RevShare_NetPL', '`revshare` with basis `ngr` or `net_pl`'],
  [8, 'RevShare_NetDeposit', '`revshare` with basis `net_deposits`'],
] as const;

/** Every table of the vocabulary as Markdown, for /docs. */
export function vocabularyMarkdown(statusTable: string): string {
  const table = (head: string[], rows: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  return [
    `**aff_status_id**\n\n${statusTable}`,
    `**deal_type_id** (bits, summed for hybrid deals: 3, 5, 6, 9, 10)\n\n${table(
      ['bit', 'Smartico', 'plan component'],
      DEAL_BITS.map(([bit, name, native]) => [String(bit), name, native]),
    )}`,
    `**extra_role_ids**\n\n${table(
      ['id', 'native extra permission'],
      Object.entries(EXTRA_ROLE_IDS).map(([p, id]) => [String(id), `\`${p}\``]),
    )}`,
    `**payment_method_id**\n\n${table(
      ['id', 'payment_method_name', 'native type'],
      Object.entries(PAYMENT_METHOD_IDS).map(([t, id]) => [
        String(id),
        PAYMENT_NAMES[t as 'wire'],
        `\`${t}\``,
      ]),
    )}`,
    `**PUT fields**\n\n${table(
      ['Smartico', 'native'],
      [
        ...Object.entries({ ...AFFILIATE_FIELDS, ...OWNER_FIELDS }).map(([s, n]) => [`\`${s}\``, n]),
        ['`custom_prop_<tag id>`', 'custom_tags: the value id of that tag (null removes it)'],
      ],
    )}`,
    `**pixel_trigger_type_id** / **pixel_type_id**\n\n${table(
      ['id', 'trigger', 'delivery'],
      ([1, 2, 3, 4] as const).map((id) => [
        String(id),
        `\`${SMARTICO_TRIGGERS[id]}\``,
        `\`${SMARTICO_DELIVERIES[id]}\``,
      ]),
    )}`,
  ].join('\n\n');
}
