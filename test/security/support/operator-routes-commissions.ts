import { type Call, type Entry, get, patch, post } from './operator-calls.ts';

const put = (url: string, payload: unknown): Call => ({ method: 'PUT', url, payload });
const PLANS =
  'commission plans are set up per brand and offered to its affiliates; a limited manager reads them and may not change them (403)';
const plan = (w: { brandId: number }) => ({
  name: 'Matrix plan',
  brand_id: w.brandId,
  currency: 'EUR',
  definition: { cpl: { amount: 100 } },
});

/** Operator routes on commission plans and their assignment. */
export const COMMISSION_ROUTES: Record<string, Entry> = {
  'GET /commission-plans': { hidden: () => [{ call: get('/commission-plans') }] },
  'POST /commission-plans': { none: PLANS, write: (w) => post('/commission-plans', plan(w)) },
  'GET /commission-plans/resolve': {
    cross: (w) => [
      {
        name: "B's plan",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/commission-plans/resolve?affiliate_id=${id}&brand_id=${w.brandId}`),
      },
    ],
  },
  'GET /commission-plans/assignments': {
    cross: (w) => [
      {
        name: "B's assignments",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/commission-plans/assignments?affiliate_id=${id}`),
      },
    ],
  },
  'POST /commission-plans/backtest': {
    cross: (w) => [
      {
        name: "B's backtest",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) =>
          post('/commission-plans/backtest', {
            plan_id: w.planId,
            version: 1,
            period_start: '2026-01-01',
            period_end: '2026-01-31',
            affiliate_ids: [id],
          }),
      },
    ],
  },
  'GET /commission-plans/{id}': { hidden: (w) => [{ call: get(`/commission-plans/${w.planId}`) }] },
  'PATCH /commission-plans/{id}': {
    none: PLANS,
    write: (w) => patch(`/commission-plans/${w.planId}`, { description: 'matrix' }),
  },
  'POST /commission-plans/{id}/archive': {
    none: PLANS,
    write: (w) => post(`/commission-plans/${w.planId}/archive`),
  },
  'POST /commission-plans/{id}/unarchive': {
    none: PLANS,
    write: (w) => post(`/commission-plans/${w.planId}/unarchive`),
  },
  'GET /commission-plans/{id}/versions': {
    hidden: (w) => [{ call: get(`/commission-plans/${w.planId}/versions`) }],
  },
  'POST /commission-plans/{id}/versions': {
    none: PLANS,
    write: (w) => post(`/commission-plans/${w.planId}/versions`, { definition: { cpl: { amount: 200 } } }),
  },
  'GET /commission-plans/{id}/versions/{version}': {
    hidden: (w) => [{ call: get(`/commission-plans/${w.planId}/versions/1`) }],
  },
  'PUT /brands/{id}/commission-plan': {
    none: "a brand's default plan applies to every affiliate of the brand; a limited manager may not set it (403)",
    write: (w) => put(`/brands/${w.brandId}/commission-plan`, { plan_id: null }),
  },
  'PUT /affiliates/{id}/commission-plan': {
    cross: (w) => [
      {
        name: "B's plan",
        b: w.b.affiliateId,
        build: (id) => put(`/affiliates/${id}/commission-plan`, { plan_id: w.planId }),
      },
    ],
  },
  'GET /commissions': {
    cross: (w) => [
      {
        name: "B's commissions",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/commissions?affiliate_id=${id}`),
      },
    ],
    hidden: (w) => [{ call: get('/commissions'), notInData: w.bCommissionId }],
  },
  'GET /commissions/{id}': {
    cross: (w) => [
      {
        name: "B's commission",
        b: w.bCommissionId,
        a: w.aCommissionId,
        build: (id) => get(`/commissions/${id}`),
      },
    ],
  },
  'POST /commissions/{id}/approve': {
    cross: (w) => [
      {
        name: "approve B's commission",
        b: w.bCommissionId,
        build: (id) => post(`/commissions/${id}/approve`, {}),
      },
    ],
  },
  'POST /commissions/{id}/reject': {
    cross: (w) => [
      {
        name: "reject B's commission",
        b: w.bCommissionId,
        build: (id) => post(`/commissions/${id}/reject`, { reason: 'matrix' }),
      },
    ],
  },
  'POST /commissions/{id}/release': {
    cross: (w) => [
      {
        name: "release B's commission",
        b: w.bCommissionId,
        build: (id) => post(`/commissions/${id}/release`, {}),
      },
    ],
  },
};
