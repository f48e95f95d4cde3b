import { BOUNDARY, multipart, png, type World } from './world.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request under /api/v1. */
export interface Call {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** An id no row has: what B's resources must look like to a manager who does not manage B. */
export const MISSING = 2_147_483_647;

/**
 * A limited manager's attempt on a resource of B: `build(b)` must be answered exactly like
 * `build(MISSING)` (same status and error code, same body when it is a list), never 2xx for a
 * write, and change nothing. `a`, for reads, is A's counterpart, which the manager does reach.
 */
export interface Cross {
  name: string;
  b: number;
  build: (id: number) => Call;
  a?: number;
}

/** A read whose answer must not show B: neither B itself in `data` nor anything of B. */
export interface Hidden {
  call: Call;
  /** An id that must not be among data[].id. */
  notInData?: number;
}

export interface Entry {
  cross?: (w: World) => Cross[];
  hidden?: (w: World) => Hidden[];
  /** Why the route names no affiliate's resource. */
  none?: string;
  /** Admin scope: a manager is refused with 403. */
  adminOnly?: true;
  /** A well-formed request for a write route (default: its first cross attempt, on B). */
  write?: (w: World) => Call;
}

/** Routes that are no part of the matrix, each with the reason. */
export const EXEMPT: Record<string, string> = {
  'POST /auth/login': 'signs a staff user in: needs no credentials, takes only an email and a password',
  'POST /auth/logout': 'ends the caller’s own session, whatever it is',
  'GET /setup': 'says whether the first administrator exists; open by design for the setup page',
  'POST /setup': 'creates the first administrator with the one-time token; no caller exists yet',
  'POST /auth/set-password': 'a staff invitee sets a password with the emailed token; no caller yet',
  'POST /auth/unlock': 'a locked staff user unlocks with the emailed token; no caller yet',
};

const get = (url: string): Call => ({ method: 'GET', url });
const post = (url: string, payload?: unknown): Call => ({ method: 'POST', url, payload });
const patch = (url: string, payload: unknown): Call => ({ method: 'PATCH', url, payload });
const del = (url: string): Call => ({ method: 'DELETE', url });

let counter = 0;
const email = () => `matrix${++counter}-${process.pid}@example.com`;

const SHARED_LIST = 'a shared list (tiers, labels, sources, tags) that names no affiliate';
const REFERENCE = 'reference data shared by the whole platform';

function upload(fields: Record<string, string>): Call {
  return {
    method: 'POST',
    url: '/media',
    payload: multipart(
      { title: 'Matrix banner', ...fields },
      { name: 'm.png', type: 'image/png', data: png(10, 10) },
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

const bulk = (w: World, mode: string) => (id: number) =>
  post(`/affiliates/bulk-edit/${mode}`, {
    affiliate_ids: [w.a.affiliateId, id],
    fields: [{ field: 'internal_notes', operator: 'overwrite', value: 'matrix' }],
  });

/** Every operator route, as /openapi.json names it under /api/v1. */
export const ROUTES: Record<string, Entry> = {
  'GET /auth/me': { none: 'describes the caller itself' },
  'GET /api-keys': { none: 'operator API keys', adminOnly: true },
  'POST /api-keys': {
    none: 'operator API keys',
    adminOnly: true,
    write: () => post('/api-keys', { name: 'matrix', scopes: ['read'] }),
  },
  'DELETE /api-keys/{id}': {
    none: 'operator API keys',
    adminOnly: true,
    write: (w) => del(`/api-keys/${w.spareKeyId}`),
  },
  'GET /roles': { none: 'the fixed list of staff roles' },
  'GET /staff': { none: 'staff users', adminOnly: true },
  'POST /staff': {
    none: 'staff users',
    adminOnly: true,
    write: () => post('/staff', { email: email(), role: 'support' }),
  },
  'GET /staff/{id}': { none: 'staff users', adminOnly: true },
  'PATCH /staff/{id}': {
    none: 'staff users',
    adminOnly: true,
    write: (w) => patch(`/staff/${w.otherStaffId}`, { name: 'Matrix' }),
  },
  'POST /staff/{id}/unlock': {
    none: 'staff users',
    adminOnly: true,
    write: (w) => post(`/staff/${w.otherStaffId}/unlock`),
  },
  'GET /jobs': { none: 'the background job queue', adminOnly: true },
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
  'GET /staff-directory': { none: 'staff names and roles, to pick a manager; no affiliate data' },
  'GET /affiliate-tiers': { none: SHARED_LIST },
  'POST /affiliate-tiers': { none: SHARED_LIST, write: () => post('/affiliate-tiers', { name: 'RO tier' }) },
  'PATCH /affiliate-tiers/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/affiliate-tiers/${w.tierId}`, { name: 'x' }),
  },
  'DELETE /affiliate-tiers/{id}': { none: SHARED_LIST, write: (w) => del(`/affiliate-tiers/${w.tierId}`) },
  'GET /affiliate-labels': { none: SHARED_LIST },
  'POST /affiliate-labels': {
    none: SHARED_LIST,
    write: () => post('/affiliate-labels', { name: 'RO label' }),
  },
  'PATCH /affiliate-labels/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/affiliate-labels/${w.labelId}`, { name: 'x' }),
  },
  'DELETE /affiliate-labels/{id}': { none: SHARED_LIST, write: (w) => del(`/affiliate-labels/${w.labelId}`) },
  'GET /traffic-sources': { none: SHARED_LIST },
  'POST /traffic-sources': {
    none: SHARED_LIST,
    write: () => post('/traffic-sources', { name: 'RO source' }),
  },
  'PATCH /traffic-sources/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/traffic-sources/${w.trafficSourceId}`, { name: 'x' }),
  },
  'DELETE /traffic-sources/{id}': {
    none: SHARED_LIST,
    write: (w) => del(`/traffic-sources/${w.trafficSourceId}`),
  },
  'GET /custom-tags': { none: SHARED_LIST },
  'POST /custom-tags': { none: SHARED_LIST, write: () => post('/custom-tags', { name: 'RO tag' }) },
  'GET /custom-tags/{id}': { none: SHARED_LIST },
  'PATCH /custom-tags/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/custom-tags/${w.tag.id}`, { name: 'x' }),
  },
  'DELETE /custom-tags/{id}': { none: SHARED_LIST, write: (w) => del(`/custom-tags/${w.tag.id}`) },
  'POST /custom-tags/{id}/values': {
    none: SHARED_LIST,
    write: (w) => post(`/custom-tags/${w.tag.id}/values`, { value: 'Three' }),
  },
  'PATCH /custom-tags/{id}/values/{valueId}': {
    none: SHARED_LIST,
    write: (w) => patch(`/custom-tags/${w.tag.id}/values/${w.tag.valueId}`, { value: 'Uno' }),
  },
  'DELETE /custom-tags/{id}/values/{valueId}': {
    none: SHARED_LIST,
    write: (w) => del(`/custom-tags/${w.tag.id}/values/${w.tag.valueId}`),
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
  'GET /settings/security': { none: 'platform-wide settings' },
  'PATCH /settings/security': {
    none: 'platform-wide settings',
    adminOnly: true,
    write: () => patch('/settings/security', { require_two_factor: false }),
  },
  'GET /dev/outbox': {
    none: 'the development outbox: admin only, as it holds every affiliate’s emails',
    adminOnly: true,
  },
  'GET /currencies': { none: REFERENCE },
  'GET /currencies/{code}': { none: REFERENCE },
  'GET /countries': { none: REFERENCE },
  'GET /countries/{code}': { none: REFERENCE },
  'GET /countries/{code}/regions': { none: REFERENCE },
  'POST /exchange-rates': {
    none: REFERENCE,
    write: () =>
      post('/exchange-rates', { rates: [{ base: 'EUR', quote: 'USD', date: '2024-01-02', rate: '1.1' }] }),
  },
  'GET /exchange-rates': { none: REFERENCE },
  'GET /exchange-rates/rate': { none: REFERENCE },
  'GET /exchange-rates/convert': { none: REFERENCE },
  'GET /brands': { none: 'brands are offered to every affiliate' },
  'POST /brands': {
    none: 'brands are offered to every affiliate',
    write: () => post('/brands', { name: 'RO brand', base_currency: 'EUR' }),
  },
  'GET /brands/{id}': { none: 'brands are offered to every affiliate' },
  'PATCH /brands/{id}': {
    none: 'brands are offered to every affiliate',
    write: (w) => patch(`/brands/${w.brandId}`, { name: 'x' }),
  },
  'GET /destination-links': {
    hidden: () => [{ call: get('/destination-links') }],
    cross: (w) => [
      {
        name: 'visible to B',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/destination-links?visible_to_affiliate_id=${id}`),
      },
    ],
  },
  'POST /destination-links': {
    cross: (w) => [
      {
        name: 'granted to B',
        b: w.b.affiliateId,
        build: (id) =>
          post('/destination-links', {
            brand_id: w.brandId,
            name: 'Matrix',
            url: 'https://brand.example/m',
            is_public: false,
            private_affiliate_ids: [id],
          }),
      },
    ],
  },
  'GET /destination-links/{id}': { hidden: (w) => [{ call: get(`/destination-links/${w.bLinkId}`) }] },
  'PATCH /destination-links/{id}': {
    cross: (w) => [
      {
        name: 'grant to B',
        b: w.b.affiliateId,
        build: (id) =>
          patch(`/destination-links/${w.publicLinkId}`, { is_public: false, private_affiliate_ids: [id] }),
      },
    ],
  },
  'GET /media': { hidden: () => [{ call: get('/media') }] },
  'POST /media': {
    cross: (w) => [
      {
        name: 'granted to B',
        b: w.b.affiliateId,
        build: (id) => upload({ is_public: 'false', affiliate_ids: String(id) }),
      },
    ],
  },
  'GET /media/{id}': { hidden: (w) => [{ call: get(`/media/${w.bMediaId}`) }] },
  'PATCH /media/{id}': {
    cross: (w) => [
      {
        name: 'grant to B',
        b: w.b.affiliateId,
        build: (id) => patch(`/media/${w.bMediaId}`, { affiliate_ids: [id] }),
      },
    ],
  },
  'DELETE /media/{id}': {
    none: 'banners belong to the program (brand-wide); a grant to B does not make the banner B’s',
    write: (w) => del(`/media/${w.bMediaId}`),
  },
  'GET /campaigns': {
    hidden: (w) => [{ call: get('/campaigns?tab=all&limit=500'), notInData: w.bCampaignId }],
    cross: (w) => [
      {
        name: 'affiliate filter',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/campaigns?tab=all&affiliate_id=${id}`),
      },
      {
        name: 'id filter',
        b: w.bCampaignId,
        a: w.aCampaignId,
        build: (id) => get(`/campaigns?tab=all&id=${id}`),
      },
    ],
  },
  'POST /campaigns': {
    cross: (w) => [
      {
        name: 'for B',
        b: w.b.affiliateId,
        build: (id) => post('/campaigns', { affiliate_id: id, brand_id: w.brandId, name: 'Mine' }),
      },
    ],
  },
  'GET /campaigns/{id}': {
    cross: (w) => [
      { name: "B's", b: w.bCampaignId, a: w.aCampaignId, build: (id) => get(`/campaigns/${id}`) },
    ],
  },
  'PATCH /campaigns/{id}': {
    cross: (w) => [
      { name: "B's", b: w.bCampaignId, build: (id) => patch(`/campaigns/${id}`, { name: 'Mine' }) },
    ],
  },
  'POST /campaigns/{id}/archive': {
    cross: (w) => [{ name: "B's", b: w.bCampaignId, build: (id) => post(`/campaigns/${id}/archive`) }],
  },
  'POST /campaigns/{id}/unarchive': {
    cross: (w) => [{ name: "B's", b: w.bCampaignId, build: (id) => post(`/campaigns/${id}/unarchive`) }],
  },
  'GET /promos': {
    hidden: (w) => [{ call: get('/promos?limit=500'), notInData: w.bPromoId }],
    cross: (w) => [
      {
        name: 'affiliate filter',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/promos?affiliate_id=${id}`),
      },
      {
        name: 'campaign filter',
        b: w.bCampaignId,
        a: w.aCampaignId,
        build: (id) => get(`/promos?campaign_id=${id}`),
      },
    ],
  },
  'POST /campaigns/{id}/promos': {
    cross: (w) => [
      {
        name: "B's campaign",
        b: w.bCampaignId,
        build: (id) => post(`/campaigns/${id}/promos`, { destination_link_id: w.publicLinkId }),
      },
    ],
  },
  'GET /promos/{id}': {
    cross: (w) => [{ name: "B's", b: w.bPromoId, a: w.aPromoId, build: (id) => get(`/promos/${id}`) }],
  },
  'PATCH /promos/{id}': {
    cross: (w) => [{ name: "B's", b: w.bPromoId, build: (id) => patch(`/promos/${id}`, { title: 'Mine' }) }],
  },
  'POST /tracking-links': {
    cross: (w) => [
      {
        name: 'for B',
        b: w.b.affiliateId,
        build: (id) => post('/tracking-links', { link_id: w.publicLinkId, affiliate_id: id }),
      },
      {
        name: "A into B's campaign",
        b: w.bCampaignId,
        build: (id) =>
          post('/tracking-links', {
            link_id: w.publicLinkId,
            affiliate_id: w.a.affiliateId,
            campaign_id: id,
          }),
      },
    ],
  },
  'GET /tracking/metrics': { none: 'process-wide click counters, no affiliate named' },
  'GET /tracking/placeholders': { none: 'the fixed list of link placeholders' },
  'GET /affiliates/{id}/referral-link': {
    cross: (w) => [
      {
        name: 'B',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/referral-link`),
      },
    ],
  },
};
