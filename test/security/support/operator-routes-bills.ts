import { type Entry, get, post } from './operator-calls.ts';

const FINANCE =
  'moves money or bills it: needs the finance scope, which the affiliate manager role does not have (403 before anything is looked up)';
const finance = (path: string, payload: object = {}): Entry => ({
  none: FINANCE,
  adminOnly: true,
  write: (w) => post(`/bills/${w.bBillId}/${path}`, payload),
});

/** Operator routes on bills. */
export const BILL_ROUTES: Record<string, Entry> = {
  'GET /bills': {
    hidden: (w) => [{ call: get('/bills'), notInData: w.bBillId }],
    cross: (w) => [
      {
        name: "B's bills",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/bills?affiliate_id=${id}`),
      },
    ],
  },
  'GET /bills/{id}': {
    cross: (w) => [{ name: "B's bill", b: w.bBillId, a: w.aBillId, build: (id) => get(`/bills/${id}`) }],
  },
  'GET /bills/{id}/pdf': {
    cross: (w) => [
      { name: "B's bill PDF", b: w.bBillId, a: w.aBillId, build: (id) => get(`/bills/${id}/pdf`) },
    ],
  },
  'POST /bills/run': {
    none: FINANCE,
    adminOnly: true,
    write: () => post('/bills/run', { period_start: '2026-01-01', period_end: '2026-01-31' }),
  },
  'POST /bills/approve': {
    none: FINANCE,
    adminOnly: true,
    write: (w) => post('/bills/approve', { ids: [w.bBillId] }),
  },
  'POST /bills/{id}/approve': finance('approve'),
  'POST /bills/{id}/corrections': finance('corrections', { action: 'add', amount: 100, comment: 'Matrix' }),
  'POST /bills/{id}/hold': finance('hold'),
  'POST /bills/{id}/release': finance('release'),
  'POST /bills/{id}/cancel': finance('cancel'),
  'POST /bills/{id}/mark-paid': finance('mark-paid'),
  'POST /bills/{id}/show': finance('show'),
  'POST /bills/{id}/hide': finance('hide'),
};
