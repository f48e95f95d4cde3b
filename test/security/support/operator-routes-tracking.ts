import { del, type Entry, get, patch, post, upload } from './operator-calls.ts';

/** Operator routes on destination links, banners, campaigns, promos and tracking. */
export const TRACKING_ROUTES: Record<string, Entry> = {
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
    hidden: (w) => [{ call: get('/campaigns?tab=all&page_size=500'), notInData: w.bCampaignId }],
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
    hidden: (w) => [{ call: get('/promos?page_size=500'), notInData: w.bPromoId }],
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
