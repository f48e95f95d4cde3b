import { type Entry, get, post } from './operator-calls.ts';

const TERMS = 'the program’s terms and conditions, the same for every affiliate';

/** Operator routes of the versioned terms and conditions. */
export const TERMS_ROUTES: Record<string, Entry> = {
  'GET /terms-versions': { none: TERMS },
  'POST /terms-versions': {
    none: TERMS,
    adminOnly: true,
    write: () => post('/terms-versions', { title: 'Matrix terms', body: 'Text' }),
  },
  'GET /terms-versions/{version}': { none: TERMS },
  'GET /affiliates/{id}/terms': {
    cross: (w) => [
      {
        name: "B's terms acceptances",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/terms`),
      },
    ],
  },
};
