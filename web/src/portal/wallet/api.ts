import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type Balance = Json<paths['/api/partner/v1/balances']['get']['responses'][200]>['data'][number];
export type PaymentMethod = Json<
  paths['/api/partner/v1/payment-methods']['get']['responses'][200]
>['data'][number];
export type Schedule = Json<
  paths['/api/partner/v1/cash-out-schedules']['get']['responses'][200]
>['data'][number];
export type CashOut = Json<paths['/api/partner/v1/cash-outs']['get']['responses'][200]>['data'][number];

export const balancesQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'balances'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/balances')),
});
export const methodsQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'methods'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/payment-methods')),
});
export const schedulesQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'schedules'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/cash-out-schedules')),
});
export const cashOutsQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'cash-outs'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/cash-outs', { params: { query: { page_size: 20 } } })),
});
export const transactionsQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'balance-transactions'],
  queryFn: () =>
    unwrap(api.GET('/api/partner/v1/balance-transactions', { params: { query: { page_size: 50 } } })),
});
export const closingQuery = queryOptions({
  queryKey: ['portal', 'wallet', 'closing-balances'],
  queryFn: () =>
    unwrap(api.GET('/api/partner/v1/closing-balances', { params: { query: { page_size: 31 } } })),
});
/** The fields each wallet type asks for, as the server checks them (core/ledger/wallet). */
export const METHOD_FIELDS: Record<string, { key: string; label: string }[]> = {
  bank_transfer: [
    { key: 'account_holder', label: 'Account holder' },
    { key: 'iban', label: 'IBAN' },
    { key: 'bic', label: 'BIC / SWIFT' },
    { key: 'bank_name', label: 'Bank name (optional)' },
  ],
  skrill: [{ key: 'email', label: 'Skrill email' }],
  neteller: [{ key: 'email', label: 'Neteller email' }],
  coinspaid: [
    { key: 'currency', label: 'Crypto currency (e.g. USDT)' },
    { key: 'wallet_address', label: 'Wallet address' },
  ],
  capitalist: [{ key: 'account_number', label: 'Capitalist account number' }],
  webmoney: [{ key: 'purse', label: 'WebMoney purse (a letter and 12 digits)' }],
  player_account: [{ key: 'player_id', label: 'Player ID' }],
  paypal: [
    { key: 'paypal_reception_method', label: 'Reception method (email, phone or paypal_account)' },
    { key: 'reception_identifier', label: 'PayPal email, phone or account' },
  ],
  other: [{ key: 'description', label: 'How to pay you' }],
};
export const METHOD_LABELS: Record<string, string> = {
  bank_transfer: 'Bank transfer',
  skrill: 'Skrill',
  neteller: 'Neteller',
  coinspaid: 'Coinspaid',
  capitalist: 'Capitalist',
  webmoney: 'WebMoney',
  player_account: 'Player account',
  paypal: 'PayPal',
  other: 'Other',
};
export const methodLabel = (type: string) => METHOD_LABELS[type] ?? type.replaceAll('_', ' ');
