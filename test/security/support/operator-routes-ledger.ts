import { type Call, type Entry, get, post } from './operator-calls.ts';

const FINANCE =
  'moves money: needs the finance scope, which the affiliate manager role does not have (403 before anything is looked up)';
const money = (path: string, payload: object) => (w: { b: { affiliateId: number } }) =>
  post(`/affiliates/${w.b.affiliateId}/${path}`, { ...payload, order_id: `matrix-${path}` });
const read = (path: string) => ({
  cross: (w: { a: { affiliateId: number }; b: { affiliateId: number } }) => [
    {
      name: `B's ${path}`,
      b: w.b.affiliateId,
      a: w.a.affiliateId,
      build: (id: number): Call => get(`/affiliates/${id}/${path}`),
    },
  ],
});

/** Operator routes on balances, the ledger and cash-outs. */
export const LEDGER_ROUTES: Record<string, Entry> = {
  'GET /affiliates/{id}/balances': read('balances'),
  'GET /affiliates/{id}/balance-transactions': read('balance-transactions'),
  'GET /affiliates/{id}/closing-balances': read('closing-balances'),
  'POST /affiliates/{id}/funds': {
    none: FINANCE,
    adminOnly: true,
    write: money('funds', { amount: 100, currency: 'EUR', description: 'Matrix' }),
  },
  'POST /affiliates/{id}/charges': {
    none: FINANCE,
    adminOnly: true,
    write: money('charges', { amount: 100, currency: 'EUR', description: 'Matrix' }),
  },
  'POST /affiliates/{id}/corrections': {
    none: FINANCE,
    adminOnly: true,
    write: money('corrections', { amount: 100, currency: 'EUR', reason: 'Matrix' }),
  },
  'POST /affiliates/{id}/conversions': {
    none: FINANCE,
    adminOnly: true,
    write: money('conversions', { amount: 100, from_currency: 'EUR', to_currency: 'USD', rate: '1.1' }),
  },
  'GET /cash-outs': {
    hidden: (w) => [{ call: get('/cash-outs'), notInData: w.bCashOutId }],
    cross: (w) => [
      {
        name: "B's cash-outs",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/cash-outs?affiliate_id=${id}`),
      },
    ],
  },
  'GET /cash-outs/{id}': {
    cross: (w) => [
      { name: "B's cash-out", b: w.bCashOutId, a: w.aCashOutId, build: (id) => get(`/cash-outs/${id}`) },
    ],
  },
  'POST /cash-outs/{id}/accept': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/cash-outs/${w.bCashOutId}/accept`, { payment_reference: 'matrix' }),
  },
  'POST /cash-outs/{id}/cancel': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/cash-outs/${w.bCashOutId}/cancel`, {}),
  },
  'POST /cash-outs/{id}/refund': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post(`/cash-outs/${w.bCashOutId}/refund`, {}),
  },
};
