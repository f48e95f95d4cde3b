import { type Entry, get, post } from './operator-calls.ts';

const FINANCE =
  'moves money or pays it out: needs the finance scope, which the affiliate manager role does not have (403 before anything is looked up)';
const read = (path: string) => ({
  cross: (w: { a: { affiliateId: number }; b: { affiliateId: number } }) => [
    {
      name: `B's ${path}`,
      b: w.b.affiliateId,
      a: w.a.affiliateId,
      build: (id: number) => get(`/affiliates/${id}/${path}`),
    },
  ],
});

/** Operator routes on wallets (payment methods, bank statements, schedules) and payout batches. */
export const WALLET_ROUTES: Record<string, Entry> = {
  'GET /affiliates/{id}/payment-methods': read('payment-methods'),
  'GET /affiliates/{id}/cash-out-schedules': read('cash-out-schedules'),
  'POST /affiliates/{id}/payment-methods': {
    none: FINANCE,
    adminOnly: true,
    write: (w) =>
      post(`/affiliates/${w.b.affiliateId}/payment-methods`, {
        type: 'other',
        details: { description: 'Matrix' },
      }),
  },
  'DELETE /affiliates/{id}/payment-methods/{methodId}': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => ({
      method: 'DELETE',
      url: `/affiliates/${w.b.affiliateId}/payment-methods/${w.wallet.bPaymentMethodId}`,
    }),
  },
  'GET /bank-statements': {
    hidden: (w) => [{ call: get('/bank-statements'), notInData: w.wallet.bStatementId }],
    cross: (w) => [
      {
        name: "B's bank statements",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/bank-statements?affiliate_id=${id}`),
      },
    ],
  },
  'GET /bank-statements/{id}/file': { none: FINANCE, adminOnly: true },
  'POST /bank-statements/{id}/approve': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/bank-statements/${w.wallet.bStatementId}/approve`, {}),
  },
  'POST /bank-statements/{id}/decline': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/bank-statements/${w.wallet.bStatementId}/decline`, { reason: 'Matrix' }),
  },
  'GET /payout-batches': { none: FINANCE, adminOnly: true },
  'POST /payout-batches': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post('/payout-batches', { currency: 'EUR', cash_out_ids: [w.bCashOutId] }),
  },
  'GET /payout-batches/{id}': { none: FINANCE, adminOnly: true },
  'GET /payout-batches/{id}/payouts.csv': { none: FINANCE, adminOnly: true },
  'GET /payout-batches/{id}/sepa.xml': { none: FINANCE, adminOnly: true },
  'POST /payout-batches/{id}/pay': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/payout-batches/${w.wallet.bBatchId}/pay`, { payment_reference: 'matrix' }),
  },
  'POST /payout-batches/{id}/cancel': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/payout-batches/${w.wallet.bBatchId}/cancel`),
  },
};
