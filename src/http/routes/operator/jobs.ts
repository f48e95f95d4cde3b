import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JOB_STATES, listJobs } from '../../../core/jobs/list-jobs.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { NullableTimestamp, StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';

const Job = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: StringEnum(JOB_STATES),
  payload: Type.String({ description: 'A summary of the payload, at most 200 characters' }),
  attempts: Type.Integer({ description: 'Runs so far' }),
  retry_limit: Type.Integer({ description: 'Retries allowed after the first run' }),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp,
  run_after: Timestamp,
  started_at: NullableTimestamp,
  finished_at: NullableTimestamp,
});

/** The background job queue as it stands: failed jobs stay here, with their last error, after their last try. */
export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/jobs',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags: ['settings'],
        security: operatorSecurity,
        summary: 'Background jobs, latest first (state=failed: the ones that used up their retries)',
        querystring: Type.Object(
          {
            state: Type.Optional(StringEnum(JOB_STATES)),
            name: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Job) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listJobs(app.deps.database.db, app.deps.jobs.types, request.query) }),
  );
};
