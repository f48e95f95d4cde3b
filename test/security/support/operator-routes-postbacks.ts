import { del, type Entry, get, patch, post } from './operator-calls.ts';

/** Operator routes on affiliates' postbacks, their deliveries and log. */
export const POSTBACK_ROUTES: Record<string, Entry> = {
  'GET /postback-variables': { none: 'the fixed list of template variables' },
  'GET /postbacks': {
    hidden: (w) => [{ call: get('/postbacks'), notInData: w.bPostbackId }],
    cross: (w) => [
      {
        name: "B's postbacks",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/postbacks?affiliate_id=${id}`),
      },
    ],
  },
  'POST /postbacks': {
    cross: (w) => [
      {
        name: 'a postback for B',
        b: w.b.affiliateId,
        build: (id) =>
          post('/postbacks', {
            affiliate_id: id,
            scope: 'account',
            trigger: 'registration',
            url: 'https://tracker.example.com/m?c=${click_id}',
          }),
      },
    ],
  },
  'POST /postbacks/preview': {
    cross: (w) => [
      {
        name: "B's postback",
        b: w.bPostbackId,
        a: w.aPostbackId,
        build: (id) => post('/postbacks/preview', { id }),
      },
    ],
  },
  'GET /postbacks/{id}': {
    cross: (w) => [
      { name: "B's postback", b: w.bPostbackId, a: w.aPostbackId, build: (id) => get(`/postbacks/${id}`) },
    ],
  },
  'PATCH /postbacks/{id}': {
    cross: (w) => [
      {
        name: "B's postback",
        b: w.bPostbackId,
        build: (id) => patch(`/postbacks/${id}`, { name: 'matrix' }),
      },
    ],
  },
  'DELETE /postbacks/{id}': {
    cross: (w) => [{ name: "B's postback", b: w.bPostbackId, build: (id) => del(`/postbacks/${id}`) }],
  },
  'POST /postbacks/{id}/test-fire': {
    cross: (w) => [
      { name: "B's postback", b: w.bPostbackId, build: (id) => post(`/postbacks/${id}/test-fire`, {}) },
    ],
  },
  'POST /postbacks/{id}/replay': {
    cross: (w) => [
      { name: "B's postback", b: w.bPostbackId, build: (id) => post(`/postbacks/${id}/replay`, {}) },
    ],
  },
  'POST /postback-deliveries/{id}/replay': {
    cross: (w) => [
      {
        name: "B's failed delivery",
        b: w.bDeliveryId,
        build: (id) => post(`/postback-deliveries/${id}/replay`),
      },
    ],
  },
  'GET /postback-log': {
    cross: (w) => [
      {
        name: "B's log",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/postback-log?affiliate_id=${id}`),
      },
    ],
  },
  'GET /postback-log.csv': {
    cross: (w) => [
      {
        name: "B's log as CSV",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/postback-log.csv?affiliate_id=${id}`),
      },
    ],
  },
};
