import { type Entry, get, post, REFERENCE } from './operator-calls.ts';

/** Operator routes on affiliates' sites. */
export const SITE_ROUTES: Record<string, Entry> = {
  'GET /site-categories': { none: REFERENCE },
  'GET /sites': {
    hidden: (w) => [{ call: get('/sites'), notInData: w.sites.bSiteId }],
    cross: (w) => [
      {
        name: "B's sites",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/sites?affiliate_id=${id}`),
      },
    ],
  },
  'GET /affiliates/{id}/sites': {
    cross: (w) => [
      {
        name: "B's sites",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/sites`),
      },
    ],
  },
  'GET /sites/{id}': {
    cross: (w) => [
      { name: "B's site", b: w.sites.bSiteId, a: w.sites.aSiteId, build: (id) => get(`/sites/${id}`) },
    ],
  },
  'POST /sites/{id}/review': {
    cross: (w) => [
      {
        name: "B's site",
        b: w.sites.bSiteId,
        build: (id) => post(`/sites/${id}/review`, { review_status: 'approved' }),
      },
    ],
  },
};
