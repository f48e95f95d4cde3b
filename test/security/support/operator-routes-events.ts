import { del, type Entry, get, patch, post } from './operator-calls.ts';

const registration = (brandId: number, affiliateId: number) => ({
  type: 'registration',
  event_id: `matrix-${affiliateId}`,
  brand_id: brandId,
  customer_id: `matrix-player-${affiliateId}`,
  occurred_at: new Date(Date.now() - 60_000).toISOString(),
  affiliate_id: affiliateId,
});

/** Operator routes on events and customers. */
export const EVENT_ROUTES: Record<string, Entry> = {
  'POST /events': {
    none: 'needs the events scope, which no staff role has: the operator’s platform sends events with its own key',
    write: (w) => post('/events', registration(w.brandId, w.b.affiliateId)),
  },
  'POST /events/imports': {
    none: 'an import of historical events names no affiliate’s resource, and needs the events scope, which no staff role has',
    write: (w) => ({
      method: 'POST',
      url: '/events/imports',
      payload: `type,event_id,brand_id,customer_id,occurred_at,affiliate_id\nregistration,matrix-import,${w.brandId},matrix-import-player,${new Date(Date.now() - 60_000).toISOString()},${w.b.affiliateId}\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'GET /events/imports/{id}': {
    none: 'an import’s progress (counts and rejected lines), for the events scope, which no staff role has',
  },
  'GET /events': {
    hidden: (w) => [{ call: get('/events'), notInData: w.bEvent.id }],
    cross: (w) => [
      {
        name: "B's events",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/events?affiliate_id=${id}`),
      },
    ],
  },
  'GET /events/{id}': {
    cross: (w) => [
      { name: "B's event", b: w.bEvent.id, a: w.aEvent.id, build: (id) => get(`/events/${id}`) },
    ],
  },
  'GET /customers': {
    hidden: (w) => [{ call: get('/customers'), notInData: w.bEvent.customerRef }],
    cross: (w) => [
      {
        name: "B's customers",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/customers?affiliate_id=${id}`),
      },
    ],
  },
  'GET /customers/{id}': {
    cross: (w) => [
      {
        name: "B's customer",
        b: w.bEvent.customerRef,
        a: w.aEvent.customerRef,
        build: (id) => get(`/customers/${id}`),
      },
    ],
  },
  'POST /customers/{id}/attribution': {
    cross: (w) => [
      {
        name: "B's customer to A",
        b: w.bEvent.customerRef,
        build: (id) =>
          post(`/customers/${id}/attribution`, { affiliate_id: w.a.affiliateId, reason: 'matrix' }),
      },
      {
        name: "A's customer to B",
        b: w.b.affiliateId,
        build: (id) =>
          post(`/customers/${w.aEvent.customerRef}/attribution`, { affiliate_id: id, reason: 'matrix' }),
      },
    ],
  },
  'GET /coupon-codes': {
    hidden: (w) => [{ call: get('/coupon-codes'), notInData: w.bCouponId }],
    cross: (w) => [
      {
        name: "B's coupon codes",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/coupon-codes?affiliate_id=${id}`),
      },
    ],
  },
  'POST /coupon-codes': {
    cross: (w) => [
      {
        name: 'a code for B',
        b: w.b.affiliateId,
        build: (id) => post('/coupon-codes', { brand_id: w.brandId, code: 'MATRIX-NEW', affiliate_id: id }),
      },
    ],
  },
  'GET /coupon-codes/{id}': {
    cross: (w) => [
      { name: "B's code", b: w.bCouponId, a: w.aCouponId, build: (id) => get(`/coupon-codes/${id}`) },
    ],
  },
  'PATCH /coupon-codes/{id}': {
    cross: (w) => [
      {
        name: "B's code",
        b: w.bCouponId,
        build: (id) => patch(`/coupon-codes/${id}`, { description: 'matrix', enabled: false }),
      },
      {
        name: "A's code to B",
        b: w.b.affiliateId,
        build: (id) => patch(`/coupon-codes/${w.aCouponId}`, { affiliate_id: id }),
      },
    ],
  },
  'DELETE /coupon-codes/{id}': {
    cross: (w) => [{ name: "B's code", b: w.bCouponId, build: (id) => del(`/coupon-codes/${id}`) }],
  },
  'GET /brands/{id}/fraud-rules': {
    none: 'fraud rules are a setting of the brand, which every affiliate is offered',
  },
  'PUT /brands/{id}/fraud-rules/{rule}': {
    none: 'fraud rules are a setting of the brand, which every affiliate is offered',
    write: (w) => ({
      method: 'PUT',
      url: `/brands/${w.brandId}/fraud-rules/bot_click`,
      payload: { mode: 'flag' },
    }),
  },
};
