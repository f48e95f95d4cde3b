import { type Entry, get } from './operator-calls.ts';

/** Operator routes of the reports' lists: sub-affiliates, favorites, requested reports. */
const OWN = "the caller's own saved reports: no affiliate's resource (each user sees only theirs)";

export const REPORT_LIST_ROUTES: Record<string, Entry> = {
  'GET /reports/favorites': { none: OWN },
  'GET /reports/favorites/{id}': { none: OWN },
  'GET /reports/requested': { none: OWN },
  'GET /reports/requested/{id}': { none: OWN },
  'GET /reports/requested/{id}/download': { none: OWN },
  'GET /affiliates/{id}/sub-affiliates': {
    cross: (w) => [
      {
        name: "B's sub-affiliates",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/sub-affiliates`),
      },
    ],
  },
};
