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

/** Operator routes on affiliates' documents. */
export const DOCUMENT_ROUTES: Record<string, Entry> = {
  'GET /documents': {
    hidden: (w) => [{ call: get('/documents'), notInData: w.sites.bDocumentId }],
    cross: (w) => [
      {
        name: "B's documents",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/documents?affiliate_id=${id}`),
      },
    ],
  },
  'GET /affiliates/{id}/documents': {
    cross: (w) => [
      {
        name: "B's documents",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/documents`),
      },
    ],
  },
  'GET /documents/{id}/file': {
    cross: (w) => [
      {
        name: "B's document",
        b: w.sites.bDocumentId,
        a: w.sites.aDocumentId,
        build: (id) => get(`/documents/${id}/file`),
      },
    ],
  },
  'POST /documents/{id}/decide': {
    cross: (w) => [
      {
        name: "B's document",
        b: w.sites.bDocumentId,
        build: (id) => post(`/documents/${id}/decide`, { status: 'approved' }),
      },
    ],
  },
};
