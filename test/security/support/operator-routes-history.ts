import { type Entry, get, post } from './operator-calls.ts';

/** Operator routes of the verifiable history. */
export const HISTORY_ROUTES: Record<string, Entry> = {
  'GET /bills/{id}/statement': {
    cross: (w) => [
      {
        name: "B's bill statement",
        b: w.bBillId,
        a: w.aBillId,
        build: (id) => get(`/bills/${id}/statement`),
      },
    ],
  },
  'GET /bills/{id}/statement/pdf': {
    cross: (w) => [
      {
        name: "B's bill statement PDF",
        b: w.bBillId,
        a: w.aBillId,
        build: (id) => get(`/bills/${id}/statement/pdf`),
      },
    ],
  },
  'GET /affiliates/{id}/history/chain': {
    cross: (w) => [
      {
        name: "B's history chain",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/history/chain`),
      },
    ],
  },
  'GET /history/check': {
    none: 'checks the chains of every affiliate against the database: administrators only',
    adminOnly: true,
  },
  'POST /history/keys/rotate': {
    none: 'the installation’s signing key, no affiliate’s',
    adminOnly: true,
    write: () => post('/history/keys/rotate'),
  },
};
