import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAnalyticsStatus } from '../../../core/analytics/copy/get-analytics-status.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { Nullable, NullableTimestamp, Timestamp, withErrors } from '../../schemas/common.ts';

const AnalyticsStatus = Type.Object({
  enabled: Type.Boolean({ description: 'Rows are queued for ClickHouse (ANALYTICS_URL is set)' }),
  pending_rows: Type.Integer({ description: 'Rows waiting in the outbox: the lag in rows' }),
  oldest_queued_at: Type.Union([Timestamp, Type.Null()], {
    description: 'When the oldest waiting row was queued: the lag in time; null when nothing waits',
  }),
  last_batch: Nullable(
    Type.Object({
      id: Type.Integer(),
      rows: Type.Integer(),
      copied_at: NullableTimestamp,
    }),
  ),
  last_error: Nullable(
    Type.Object({
      message: Type.String(),
      at: NullableTimestamp,
    }),
  ),
});

/** How far the ClickHouse analytics store is behind PostgreSQL. */
export const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/analytics/status',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags: ['settings'],
        security: operatorSecurity,
        summary: 'The copy to ClickHouse: rows waiting, the oldest one, the last batch and the last error',
        description:
          'The last error is cleared by the next batch copied; while ClickHouse is down rows wait in the outbox and nothing is lost.',
        response: withErrors({ 200: AnalyticsStatus }, 401, 403),
      },
    },
    async () => {
      const s = await getAnalyticsStatus({ db: app.deps.database.db });
      return {
        enabled: s.enabled,
        pending_rows: s.pending,
        oldest_queued_at: s.oldestQueuedAt,
        last_batch:
          s.lastBatchId === null
            ? null
            : { id: Number(s.lastBatchId), rows: s.lastBatchRows ?? 0, copied_at: s.lastCopiedAt },
        last_error: s.lastError === null ? null : { message: s.lastError, at: s.lastErrorAt },
      };
    },
  );
};
