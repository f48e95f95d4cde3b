import { type Entry, get, post } from './operator-calls.ts';

/** Operator routes of the reports' lists: sub-affiliates, favorites, requested reports. */
const SUB_REPORT = { from: '2020-01-01', to: '2030-01-01', group_by: ['sub_affiliate'] };
const subReport = (suffix: string) => (w: Parameters<NonNullable<Entry['cross']>>[0]) => [
  {
    name: "B's sub-affiliate report",
    b: w.b.affiliateId,
    a: w.a.affiliateId,
    build: (id: number) => post(`/affiliates/${id}/reports/sub-affiliates${suffix}`, SUB_REPORT),
  },
];
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
  'POST /affiliates/{id}/reports/sub-affiliates': { cross: subReport('') },
  'POST /affiliates/{id}/reports/sub-affiliates/export': { cross: subReport('?format=json') },
};
