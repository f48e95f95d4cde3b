import { BULK_EDIT_MAX_AFFILIATES } from '../../../core/affiliates/run-bulk-edit.ts';
import { tags } from './http.ts';
import { patchFieldsMarkdown } from './patch-fields.ts';
import { MAX_PAGE_SIZE } from './table-query.ts';
import { vocabularyMarkdown } from './vocabulary.ts';

const ENDPOINTS = [
  ['POST /v1/networks/affiliatestable', 'read', 'searchAffiliates (GET /api/v1/affiliates)'],
  ['GET /v1/networks/affiliates/:affiliateId', 'read', 'getAffiliate with its relationships'],
  ['POST /v1/networks/affiliates', 'write', 'createAffiliate (POST /api/v1/affiliates)'],
  ['PUT /v1/networks/affiliates/:affiliateId', 'write', 'patchAffiliate with every Everflow field'],
  [
    'PATCH /v1/networks/patch/affiliates/apply',
    'write',
    'runBulkEdit apply (POST /api/v1/affiliates/bulk-edit/apply)',
  ],
  ['POST /v1/networks/patch/affiliates/submit', 'write', 'runBulkEdit preview (…/bulk-edit/preview)'],
  ['GET /v1/meta/timezones, languages, instant_messaging, currencies, tracking_domains', 'read', 'id tables'],
];

const FIELDS = [
  ['network_affiliate_id', 'the affiliate id'],
  ['network_id', 'always 1: an install is one network'],
  ['network_employee_id, account_manager_id', 'account_manager_id (0: none)'],
  ['today_revenue', 'commissions earned since midnight UTC, formatted (`$7.32`) in the default currency'],
  ['balance', 'the available balance, major units'],
  [
    'time_created, time_saved, last_login',
    'created_at, updated_at, last_login_at as Unix seconds (0: never)',
  ],
  ['relationship.labels', 'labels as `{ total, entries }`'],
  ['encoded_value', 'the id in base 36, upper case'],
  ['contact_address', 'address (address_1 → line1, zip_postal_code → postal_code, …)'],
  ['default_currency_id', 'default_currency'],
  ['enable_media_cost_tracking_links', 'media_cost_override'],
  ['billing.*', 'billing (billing_frequency → frequency, is_invoice_creation_auto → auto_invoice, …)'],
  ['billing.payment_type, billing.billing', 'payment_method type and details (read back masked)'],
  ['amounts (invoice_amount_threshold, …)', 'decimals in major units, converted exactly to minor units'],
];

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/**
 * The Everflow section of /docs: the prose above its operations (the OpenAPI tag's description),
 * from the same tables the adapter translates with.
 */
export function everflowDocsMarkdown(): string {
  return [
    "Everflow's network affiliates API at `/everflow`: an integration changes only its base URL (`https://api.eflow.team` → `https://<your Affluent>/everflow`) and its key. Every call goes through the native core operations (same validation, history with source `compat_everflow`, events and webhooks). Migration guide: `docs/migrating-from-everflow.md`.",
    '',
    '**Authentication.** An operator API key in `X-Eflow-API-Key`: `read` for reads, `write` for writes. A missing key is 401 `No Authentication Method Found`, an unknown or revoked one 401, one without the scope 403.',
    '',
    '**Errors.** `{ "error": "..." }` naming every bad field in Everflow’s names at once; 400 for bad input (the native 409, 413, 415 and 422 too), 401, 403, 404, 429 (over the call limit, with `Retry-After`), 500. A refused request changes nothing. Bodies may carry trailing commas, as the document’s examples do.',
    '',
    '**Endpoints**',
    '',
    row(['Everflow', 'scope', 'native']),
    row(['---', '---', '---']),
    ...ENDPOINTS.map((e) => row([`\`${e[0]}\``, e[1]!, e[2]!])),
    '',
    '**Field mapping**',
    '',
    row(['Everflow', 'Affluent']),
    row(['---', '---']),
    ...FIELDS.map((f) => row([`\`${f[0]}\``, f[1]!])),
    '',
    '**Bulk Edit and Patch Preview fields**',
    '',
    patchFieldsMarkdown(),
    '',
    vocabularyMarkdown(),
    '',
    `**Limits.** The table pages with \`page_size\` up to ${MAX_PAGE_SIZE} (default 50); a bulk edit takes up to ${BULK_EDIT_MAX_AFFILIATES} affiliates and 40 fields; bodies up to 5 MB. \`supply_partner\` (EverXchange) is always \`{}\` and \`payment_type\` \`pay\` (Everflow Pay) matches nothing and is refused on writes: Affluent has neither.`,
    '',
    '**Call limits.** As Everflow\'s network quota: 30 calls a second counted in 30-second windows that reset, 900 per window by default, but per API key (Everflow shares it among a network\'s keys; `EVERFLOW_CALLS_PER_30_SECONDS` sets it, `0` turns it off). Every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`; over the limit a call is 429 `{ "error": "Rate limit exceeded: ..." }` with `Retry-After` and does nothing. A call with a missing or refused key counts against its address. The native API\'s per-key rate limit (`/api/*`) does not apply here.',
  ].join('\n');
}

/** The OpenAPI tag these operations are listed under, with its prose. */
export const everflowTag = () => ({ name: tags[0]!, description: everflowDocsMarkdown() });
