import type { FastifyInstance } from 'fastify';
import { CallLimiter } from '../call-limits.ts';
import { limitCalls } from '../limit-calls.ts';
import { EverflowError } from './http.ts';

/**
 * Everflow's quota: a network's calls counted in 30-second windows that reset, X-RateLimit-Limit
 * and X-RateLimit-Remaining on every answer, 429 beyond. Everflow shares the quota across a
 * network's keys; here each key has its own (an install may hold many integrations' keys).
 */
export function limitEverflowCalls(app: FastifyInstance): void {
  const calls = app.deps.config.everflow.callsPer30Seconds;
  limitCalls(app, {
    limiter: new CallLimiter([{ calls, seconds: 30, rolling: false }]),
    errorSchema: EverflowError,
    rateHeaders: true,
    describe: calls
      ? `At most ${calls} calls per key in a 30-second window (EVERFLOW_CALLS_PER_30_SECONDS), counted as Everflow counts them: \`X-RateLimit-Limit\` and \`X-RateLimit-Remaining\` on every answer, 429 \`{ "error": "..." }\` with \`Retry-After\` beyond.`
      : 'No call limit (EVERFLOW_CALLS_PER_30_SECONDS=0).',
  });
}
