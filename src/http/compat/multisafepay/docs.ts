import { MSP_TAGS } from './common.ts';

const ENDPOINTS = [
  ['GET /accounts', 'read', 'searchAffiliates, oldest first; `offset`, `limit` (100, max 500)'],
  ['GET /accounts/{account_id}', 'read', 'getAffiliate + the inquiries awaiting its answer'],
  ['PATCH /accounts/{account_id}', 'write', 'patchAffiliate (history door `compat_multisafepay`)'],
  ['POST /accounts/{account_id}/login-urls', 'write', 'createLoginUrl (one-time portal sign-in)'],
  ['GET /accounts/{account_id}/balances', 'read', 'getBalances'],
  ['GET /accounts/{account_id}/closing-balances', 'read', 'listClosingBalances (+ the day’s cash-out)'],
  ['POST /accounts/{account_id}/charges', 'finance', 'chargeAffiliate'],
  ['POST /accounts/{account_id}/funds', 'finance', 'fundAffiliate'],
  ['POST /accounts/{account_id}/payouts', 'finance', 'requestCashOut to the verified bank account'],
  ['GET /accounts/{account_id}/autopayouts', 'read', 'listCashOutSchedules'],
  ['GET, POST /accounts/{account_id}/autopayouts/{currency}', 'read, finance', 'saveCashOutSchedule'],
  ['GET /accounts/{account_id}/inquiries[/{inquiry_id}]', 'read', 'listInquiries, getInquiry'],
  ['GET /accounts/{account_id}/messages[/{message_id}]', 'read', 'listMessages, getMessage'],
  ['GET /accounts/{account_id}/bank-accounts, /bank-accounts/{id}', 'read', 'bank_transfer payment methods'],
  ['GET /bank-accounts/{id}/bank-statements, /bank-statements/{id}', 'read', 'bank statements (base64)'],
  ['GET, POST /accounts/{account_id}/sites; GET, PATCH /sites/{site_id}', 'read, write', 'the sites core'],
  ['GET /categories', 'read', 'the fixed website categories'],
];

const FIELDS = [
  ['account `id`', 'the affiliate id'],
  [
    '`address1..3`, `apartment`, `city`, `zipcode`, `country`',
    '`address.line1..3`, `apartment`, `city`, `postal_code`, `country_code`',
  ],
  ['`coc_number`, `vat_number`', '`company_registration_number`, `vat_number`'],
  [
    '`screening_status`',
    'pending → `pending`, declined → `declined`, every approved status → `approved` (set: approved approves, declined declines a pending application)',
  ],
  [
    '`processing_options`',
    'read only: incoming = status active; outgoing = active with a verified bank account; credit cards always false',
  ],
  ['balance `id`', '`<account_id>-<currency>`'],
  ['`amount_reserved`', 'the reserved balance (payouts not completed) plus funds on hold'],
  [
    'closing `amount` / `amount_uncleared`',
    'the available / reserved + on-hold balances at the end of the UTC day',
  ],
  [
    'closing `payout_*`, `iban`, `bic`, `status`',
    'the cash-out asked for that day (masked IBAN); `completed` when there was none',
  ],
  ['payout `status`', 'cash-out pending → `reserved`, success → `completed`, cancelled or refunded → `void`'],
  ['`transaction_id`', 'the ledger entry id (charges, funds) or the cash-out id (payouts)'],
  [
    'auto payout `schedule`',
    'weekdays `mon..sun` → weekdays 1..7; `end-of-month` → the dates rule on the 31st (the last day of each month)',
  ],
  ['`min_amount`, `min_balance_amount`', 'the schedule’s `min_amount` and `reserve_amount` (no maximum)'],
  ['message `sender`', '`partner`: the operator; `account`: the affiliate'],
  [
    'bank account `id`, `holder_name`, `iban`',
    'the payment method id (string), `account_holder` (40 characters), masked IBAN; `currency` is the account’s default currency',
  ],
  ['site `category`, `api_key`', '`category_code`; Affluent sites have no key of their own (`null`)'],
];

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/**
 * The MultiSafepay section of /docs: the prose above its operations (the OpenAPI tag's
 * description), including what the public reference leaves open and how Affluent decided it.
 */
export function multisafepayDocsMarkdown(): string {
  return [
    "MultiSafepay's partner API for affiliated accounts at `/multisafepay/v1/json`: the operator is the partner, each affiliate an affiliated account. An integration changes its base URL (`https://api.multisafepay.com/v1/json` → `https://<your Affluent>/multisafepay/v1/json`) and its key. Every call goes through the native core operations (same validation, ledger, history and events). Migration guide: `docs/migrating-from-multisafepay.md`.",
    '',
    '**Authentication.** An operator API key in the `api_key` header or `?api_key=` query parameter: `read` for reads, `write` for account changes, login URLs and sites, `finance` for charges, funds, payouts and auto payouts. A missing or invalid key is 401, one without the scope 403.',
    '',
    '**Envelopes and errors.** Success: `{ "success": true, "data": ... }`, lists with `"page": { "total": N }`. Not found (and 401, 403, 429, 500): `{ "success": false, "data": [], "error_code": <HTTP status>, "error_info": "..." }`. Bad input: 422 `{ "success": false, "message", "errors": [{ "attribute", "details", "message", "uri" }] }` listing every bad field at once; an `order_id` reused with another body (`details` idempotency_conflict), a charge or payout over the available balance (insufficient_funds) and a status change the rules refuse (invalid_state) are 422s too. A refused request changes nothing.',
    '',
    '**Money.** Amounts are integers in minor units. Charges, funds and payouts take `amount`, `currency`, `description` (2 to 512 characters), `order_id` (max 128) and optional `var1..3`, and answer the transaction. The same `order_id` with the same body applies once and answers the same transaction (header `idempotent-replayed: true`). A payout is a native bank-transfer cash-out: reserved at once, `reserved` until the operator marks it paid (`completed`) or cancels it (`void`, the money back in the balance); it pays to the oldest verified bank account (or `bankaccount_id`), and the payout method’s minimum (50.00 for bank transfers) applies.',
    '',
    '**Closing balances.** One row per currency and UTC day on which the affiliate’s money moved, newest first, from the ledger’s nightly close (`ledger.close-days`); an entry booked late for a closed day rewrites that day and the ones after. Today has no row until it is closed. `from`, `until` (YYYY-MM-DD), `offset`, `limit` (100, max 1000).',
    '',
    '**Endpoints**',
    '',
    row(['MultiSafepay', 'scope', 'native']),
    row(['---', '---', '---']),
    ...ENDPOINTS.map((e) => row([`\`${e[0]}\``, e[1]!, e[2]!])),
    '',
    '**Field mapping** (fields marked Affluent in the schemas are additions)',
    '',
    row(['MultiSafepay', 'Affluent']),
    row(['---', '---']),
    ...FIELDS.map((f) => row([f[0]!, f[1]!])),
    '',
    '**Limits.** Account `email` 64 characters, `phone` 15; bank account `holder_name` 40; site `name` 120, `support_email` 64, `support_phone` 15. Lists page with `offset` and `limit`: accounts, inquiries, messages and sites 100 by default and at most 500, closing balances at most 1000. Reading messages here marks nothing read. The per-key rate limit of the native API (`/api/*`) does not apply to these routes.',
  ].join('\n');
}

/** The OpenAPI tag these operations are listed under, with its prose. */
export const multisafepayTag = () => ({ name: MSP_TAGS[0]!, description: multisafepayDocsMarkdown() });
