import type { FastifyInstance } from 'fastify';
import { CallLimiter } from '../call-limits.ts';
import { limitCalls } from '../limit-calls.ts';
import { SmarticoError } from './errors.ts';

/**
 * Smartico documents no call limit; these are Affluent's (see docs/migrating-from-smartico.md):
 * a window of 60 seconds per key that resets, 429 in Smartico's error style beyond.
 */
export function limitSmarticoCalls(app: FastifyInstance): void {
  const calls = app.deps.config.smartico.callsPerMinute;
  limitCalls(app, {
    limiter: new CallLimiter([{ calls, seconds: 60, rolling: false }]),
    errorSchema: SmarticoError,
    describe: calls
      ? `At most ${calls} calls per key in a 60-second window (SMARTICO_CALLS_PER_MINUTE; Smartico documents no limit, this is Affluent's): 429 with errCode 429, code \`rate_limited\` and \`Retry-After\` beyond.`
      : 'No call limit (SMARTICO_CALLS_PER_MINUTE=0).',
  });
}
