import { type Entry, get, post } from './operator-calls.ts';

/** Operator routes on RevShare: the finalization (finance) and the accrual preview. */
export const REVSHARE_ROUTES: Record<string, Entry> = {
  'POST /commissions/revshare/finalize': {
    adminOnly: true,
    none: 'finalizes a period for the whole program (finance scope); a limited manager is refused with 403',
    write: () =>
      post('/commissions/revshare/finalize', { period_start: '2026-01-01', period_end: '2026-01-31' }),
  },
  'GET /commissions/revshare/accruals': {
    cross: (w) => [
      {
        name: "B's accruals",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/commissions/revshare/accruals?affiliate_id=${id}`),
      },
    ],
    hidden: () => [{ call: get('/commissions/revshare/accruals') }],
  },
};
