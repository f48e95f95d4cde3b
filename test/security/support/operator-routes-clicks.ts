import { type Entry, get } from './operator-calls.ts';

const NO_CLICK = '0'.repeat(26);

/** Operator routes on click counts, the click log and the first-run checklist. */
export const CLICK_ROUTES: Record<string, Entry> = {
  'GET /click-counts': { hidden: () => [{ call: get('/click-counts') }] },
  'GET /click-counts/{subject}': {
    hidden: (w) => [{ call: get(`/click-counts/destination-links?id=${w.publicLinkId}&id=${w.bLinkId}`) }],
    cross: (w) => [
      {
        name: 'affiliate',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/click-counts/affiliates?id=${id}`),
      },
      {
        name: 'campaign',
        b: w.bCampaignId,
        a: w.aCampaignId,
        build: (id) => get(`/click-counts/campaigns?id=${id}`),
      },
      { name: 'promo', b: w.bPromoId, a: w.aPromoId, build: (id) => get(`/click-counts/promos?id=${id}`) },
    ],
  },
  'GET /clicks': {
    hidden: () => [{ call: get('/clicks?limit=200') }],
    cross: (w) => [
      {
        name: 'affiliate filter',
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/clicks?affiliate_id=${id}`),
      },
      { name: 'promo filter', b: w.bPromoId, a: w.aPromoId, build: (id) => get(`/clicks?promo_id=${id}`) },
      {
        name: 'campaign filter',
        b: w.bCampaignId,
        a: w.aCampaignId,
        build: (id) => get(`/clicks?campaign_id=${id}`),
      },
    ],
  },
  'GET /clicks/{id}': {
    // Click ids are text: 1 stands for B's click, 2 for A's, anything else for one that does not exist.
    cross: (w) => [
      {
        name: "B's",
        b: 1,
        a: 2,
        build: (n) => get(`/clicks/${n === 1 ? w.bClickId : n === 2 ? w.aClickId : NO_CLICK}`),
      },
    ],
  },
  'GET /setup-checklist': { hidden: () => [{ call: get('/setup-checklist') }] },
};
