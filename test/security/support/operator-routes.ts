import type { Entry } from './operator-calls.ts';
import { AFFILIATE_ROUTES } from './operator-routes-affiliates.ts';
import { BILL_ROUTES } from './operator-routes-bills.ts';
import { CLICK_ROUTES } from './operator-routes-clicks.ts';
import { COMMISSION_ROUTES } from './operator-routes-commissions.ts';
import { CORRESPONDENCE_ROUTES } from './operator-routes-correspondence.ts';
import { EVENT_ROUTES } from './operator-routes-events.ts';
import { HISTORY_ROUTES } from './operator-routes-history.ts';
import { LEDGER_ROUTES } from './operator-routes-ledger.ts';
import { NEWS_ROUTES } from './operator-routes-news.ts';
import { POSTBACK_ROUTES } from './operator-routes-postbacks.ts';
import { REPORT_LIST_ROUTES } from './operator-routes-report-lists.ts';
import { REVSHARE_ROUTES } from './operator-routes-revshare.ts';
import { SHARED_ROUTES } from './operator-routes-shared.ts';
import { DOCUMENT_ROUTES, SITE_ROUTES } from './operator-routes-sites.ts';
import { TERMS_ROUTES } from './operator-routes-terms.ts';
import { TRACKING_ROUTES } from './operator-routes-tracking.ts';
import { WALLET_ROUTES } from './operator-routes-wallet.ts';
import { WEBHOOK_ROUTES } from './operator-routes-webhooks.ts';

export { type Call, MISSING } from './operator-calls.ts';

/** Routes that are no part of the matrix, each with the reason. */
export const EXEMPT: Record<string, string> = {
  'POST /auth/login': 'signs a staff user in: needs no credentials, takes only an email and a password',
  'POST /auth/logout': 'ends the caller’s own session, whatever it is',
  'GET /setup': 'says whether the first administrator exists; open by design for the setup page',
  'POST /setup': 'creates the first administrator with the one-time token; no caller exists yet',
  'POST /auth/set-password': 'a staff invitee sets a password with the emailed token; no caller yet',
  'POST /auth/unlock': 'a locked staff user unlocks with the emailed token; no caller yet',
  'POST /reports/performance':
    "a read sent as POST (the query is a body), read scope; a limited manager's report leaves other affiliates' rows out (test/reports/engine-scope.test.ts)",
  'POST /reports/favorites':
    "saves a report configuration of the caller's own (any role, read-only included, may keep favorites); running one applies the caller's scope",
  'PATCH /reports/favorites/{id}': "changes one of the caller's own favorites; another's answers 404",
  'DELETE /reports/favorites/{id}': "deletes one of the caller's own favorites; another's answers 404",
  'POST /reports/requested':
    "requests a report of the caller's own, built with the caller's scope (any role may)",
  'PATCH /reports/requested/{id}': "names one of the caller's own requested reports; another's answers 404",
  'POST /reports/performance/export':
    "a read sent as POST (the query is a body), read scope; the export applies the caller's scope as the report does (test/reports/exports.test.ts)",
  'POST /affiliates/{id}/reports/sub-affiliates':
    'a read sent as POST (the query is a body), read scope; the limited manager attempts are in REPORT_LIST_ROUTES',
  'POST /affiliates/{id}/reports/sub-affiliates/export':
    'a read sent as POST (the query is a body), read scope; the limited manager attempts are in REPORT_LIST_ROUTES',
};

/** Every operator route, as /openapi.json names it under /api/v1. */
export const ROUTES: Record<string, Entry> = {
  ...SHARED_ROUTES,
  ...AFFILIATE_ROUTES,
  ...TRACKING_ROUTES,
  ...EVENT_ROUTES,
  ...CLICK_ROUTES,
  ...COMMISSION_ROUTES,
  ...LEDGER_ROUTES,
  ...BILL_ROUTES,
  ...HISTORY_ROUTES,
  ...POSTBACK_ROUTES,
  ...REVSHARE_ROUTES,
  ...WALLET_ROUTES,
  ...SITE_ROUTES,
  ...DOCUMENT_ROUTES,
  ...WEBHOOK_ROUTES,
  ...REPORT_LIST_ROUTES,
  ...CORRESPONDENCE_ROUTES,
  ...TERMS_ROUTES,
  ...NEWS_ROUTES,
};
