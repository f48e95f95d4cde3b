import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getReferralLink } from '../../../core/affiliates/referral-link.ts';
import { getAnalyticsStatus } from '../../../core/analytics/copy/get-analytics-status.ts';
import { BUILT_IN_PLACEHOLDERS, SUB_IDS } from '../../../core/clicks/placeholders.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, NullableTimestamp, withErrors } from '../../schemas/common.ts';
import { PLACEHOLDER_HELP, TrackingPlaceholders } from '../../schemas/tracking.ts';

const n = (description: string) => Type.Integer({ description });
const Writer = Type.Object({
  accepted: n('Queued since start'),
  flushed: n('Written to the database'),
  dropped: n('Not recorded because the queue was full'),
  pending: n('Waiting to be written'),
  flush_failures: n('Failed batch writes (retried with backoff)'),
});
const ClickWriter = Type.Object({
  ...Writer.properties,
  rejected: n('Clicks the database refused as invalid data (not retried)'),
});

const Metrics = Type.Object(
  {
    redirects: Type.Object({
      answered: n('Redirects to a landing'),
      unknown: n('Unknown codes sent to the fallback URL'),
      disabled: n('Disabled codes sent to the fallback URL'),
      invalid_link: n(
        'Clicks sent to the fallback URL because their link, saved by an older version, fails the URL checks of today (each such promo is logged once)',
      ),
      failed: n(
        'Clicks and impressions that failed unexpectedly, answered with the fallback URL or the pixel',
      ),
      impressions_unknown: n('Impression pixels for unknown codes'),
    }),
    clicks: ClickWriter,
    impressions: Type.Object({
      counted: n('Impressions counted since start'),
      flushed: n('Impressions added to promo_impressions'),
      pending: n('Counted, not yet written'),
      flush_failures: n('Failed writes (retried)'),
    }),
    cache: Type.Object({
      promos: n('Tracking codes in memory'),
      loaded_at: NullableTimestamp,
      reloads: n('Partial reloads after changes'),
    }),
    analytics: Type.Object(
      {
        enabled: Type.Boolean({ description: 'Rows are queued for ClickHouse (ANALYTICS_URL is set)' }),
        queued_rows: n('Rows waiting in the outbox for ClickHouse: the copy lag in rows'),
        oldest_queued_seconds: n(
          'Age in whole seconds of the oldest row waiting for ClickHouse: the copy lag in time (0 when nothing waits)',
        ),
      },
      {
        description:
          'The copy to ClickHouse (the same for every process: it is read from the database); reports go back to PostgreSQL while the lag is over 60 s',
      },
    ),
  },
  { $id: 'TrackingMetrics' },
);

export const trackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tracking/metrics',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['tracking'],
        security: operatorSecurity,
        summary: 'Click path counters of this server process, and the ClickHouse copy lag',
        description:
          'Counters since the process started; each server process has its own. `analytics` is the copy to ClickHouse, read from the database: rows waiting and the age of the oldest.',
        response: withErrors({ 200: Metrics }, 401, 403),
      },
    },
    async () => {
      const status = await getAnalyticsStatus({ db: app.deps.database.db });
      const oldest = status.oldestQueuedAt?.getTime();
      return {
        ...app.tracking.metrics(),
        analytics: {
          enabled: status.enabled,
          queued_rows: status.pending,
          oldest_queued_seconds:
            oldest === undefined ? 0 : Math.max(0, Math.floor((Date.now() - oldest) / 1000)),
        },
      };
    },
  );

  app.get(
    '/tracking/placeholders',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['tracking'],
        security: operatorSecurity,
        summary: 'The placeholders a click fills in destination link URLs',
        description: PLACEHOLDER_HELP,
        response: withErrors({ 200: TrackingPlaceholders }, 401, 403),
      },
    },
    async () => ({ built_in: [...BUILT_IN_PLACEHOLDERS], sub_ids: [...SUB_IDS] }),
  );

  app.get(
    '/affiliates/:id/referral-link',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['tracking'],
        security: operatorSecurity,
        summary: "The affiliate's sub-affiliate referral link",
        description:
          "`<PUBLIC_URL>/r/<code>` redirects to `/portal/signup?ref=<code>` (and sets the `affluent_ref` cookie), so whoever signs up there becomes this affiliate's sub-affiliate. The code is made on first request and stays the same.",
        params: IdParams,
        response: withErrors(
          { 200: Type.Object({ affiliate_id: Type.Integer(), code: Type.String(), url: Type.String() }) },
          401,
          403,
          404,
        ),
      },
    },
    async (request) => getReferralLink(app.deps.database.db, request.params.id, app.deps.config.publicUrl),
  );
};
