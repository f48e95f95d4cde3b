import { bulk, type Entry, email, get, patch, post } from './operator-calls.ts';
import type { World } from './world.ts';

/** Operator routes on affiliates, their users, history, events and access. */
export const AFFILIATE_ROUTES: Record<string, Entry> = {
  'GET /affiliates': {
    hidden: (w) => [{ call: get('/affiliates?limit=500'), notInData: w.b.affiliateId }],
    cross: (w) => [
      {
        name: 'id filter',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates?id=${id}`),
      },
      { name: 'referrer filter', b: w.b.affiliateId, build: (id) => get(`/affiliates?referrer_id=${id}`) },
    ],
  },
  'POST /affiliates': {
    cross: (w) => [
      {
        name: 'referrer B',
        b: w.b.affiliateId,
        build: (id) => post('/affiliates', { name: 'New', referrer_id: id }),
      },
    ],
    write: () => post('/affiliates', { name: 'Read-only attempt' }),
  },
  'GET /affiliates/{id}': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, a: w.a.affiliateId, build: (id) => get(`/affiliates/${id}`) },
    ],
  },
  'PUT /affiliates/{id}': {
    cross: (w) => [
      {
        name: 'B',
        b: w.b.affiliateId,
        build: (id) => ({
          method: 'PUT',
          url: `/affiliates/${id}`,
          payload: { name: 'Mine', status: 'active' },
        }),
      },
    ],
  },
  'PATCH /affiliates/{id}': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, build: (id) => patch(`/affiliates/${id}`, { name: 'Mine' }) },
    ],
  },
  'POST /affiliates/bulk-edit/preview': {
    cross: (w) => [{ name: 'A and B', b: w.b.affiliateId, build: bulk(w, 'preview') }],
  },
  'POST /affiliates/bulk-edit/apply': {
    cross: (w) => [{ name: 'A and B', b: w.b.affiliateId, build: bulk(w, 'apply') }],
  },
  'GET /affiliates/{id}/users': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, a: w.a.affiliateId, build: (id) => get(`/affiliates/${id}/users`) },
    ],
  },
  'POST /affiliates/{id}/users': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, build: (id) => post(`/affiliates/${id}/users`, { email: email() }) },
    ],
  },
  'GET /affiliates/{id}/users/{userId}': {
    cross: (w) => [
      {
        name: 'B and its user',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) =>
          get(`/affiliates/${id}/users/${id === w.a.affiliateId ? w.a.userId : w.bMember.userId}`),
      },
      {
        name: "A with B's user",
        b: w.bMember.userId,
        a: w.a.userId,
        build: (id) => get(`/affiliates/${w.a.affiliateId}/users/${id}`),
      },
    ],
  },
  'PATCH /affiliates/{id}/users/{userId}': {
    cross: (w) => [
      {
        name: 'B and its user',
        b: w.b.affiliateId,
        build: (id) => patch(`/affiliates/${id}/users/${w.bMember.userId}`, { first_name: 'Mine' }),
      },
      {
        name: "A with B's user",
        b: w.bMember.userId,
        build: (id) => patch(`/affiliates/${w.a.affiliateId}/users/${id}`, { first_name: 'Mine' }),
      },
    ],
  },
  'GET /affiliates/{id}/history': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, a: w.a.affiliateId, build: (id) => get(`/affiliates/${id}/history`) },
    ],
  },
  'POST /affiliates/{id}/login-urls': {
    cross: (w) => [
      {
        name: 'B',
        b: w.b.affiliateId,
        build: (id) => post(`/affiliates/${id}/login-urls`, { expires_in: 60 }),
      },
    ],
  },
  'POST /affiliates/{id}/approve': {
    cross: (w) => [{ name: 'B', b: w.b.affiliateId, build: (id) => post(`/affiliates/${id}/approve`) }],
  },
  'POST /affiliates/{id}/decline': {
    cross: (w) => [
      {
        name: 'B',
        b: w.b.affiliateId,
        build: (id) => post(`/affiliates/${id}/decline`, { reason: 'matrix' }),
      },
    ],
  },
  'GET /affiliates/{id}/events': {
    cross: (w) => [
      { name: 'B', b: w.b.affiliateId, a: w.a.affiliateId, build: (id) => get(`/affiliates/${id}/events`) },
      {
        name: "A's log filtered by B's user",
        b: w.bMember.userId,
        build: (id) => get(`/affiliates/${w.a.affiliateId}/events?user_id=${id}`),
      },
    ],
  },
  ...Object.fromEntries(
    ['unlock', 'two-factor/reset', 'password-email'].map((action) => [
      `POST /affiliate-users/{id}/${action}`,
      {
        cross: (w: World) => [
          {
            name: "B's user",
            b: w.bMember.userId,
            build: (id: number) => post(`/affiliate-users/${id}/${action}`),
          },
        ],
      },
    ]),
  ),
};
