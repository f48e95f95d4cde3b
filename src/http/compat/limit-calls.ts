import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preValidationHookHandler,
  RouteOptions,
} from 'fastify';
import type { TSchema } from 'typebox';
import { AppError } from '../../core/errors.ts';
import type { CallLimiter } from './call-limits.ts';

export interface LimitCallsOptions {
  limiter: CallLimiter;
  /** The vendor's error body, listed as every route's 429 answer in /docs. */
  errorSchema: TSchema;
  /** What /docs says of the limit, appended to every route's description. */
  describe: string;
  /** Everflow's X-RateLimit-Limit / X-RateLimit-Remaining on every counted answer. */
  rateHeaders?: boolean;
}

type Check = preValidationHookHandler;

const run = (check: Check, app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) =>
  check.length >= 3
    ? new Promise<void>((resolve, reject) =>
        (check as (this: FastifyInstance, ...a: unknown[]) => void).call(
          app,
          request,
          reply,
          (error?: Error) => (error ? reject(error) : resolve()),
        ),
      )
    : (check as (this: FastifyInstance, ...a: unknown[]) => Promise<void>).call(app, request, reply);

/**
 * Limits the calls to every route declared after it in this plugin (call it first). The route's
 * own key check runs first, so a call counts against the key it authenticated with; a call whose
 * key is refused counts against its address (guessing keys is paced too). Over the limit, the
 * answer is `rate_limited` (429, Retry-After) rendered by the vendor's error handler, before the
 * input is looked at: nothing is done.
 */
export function limitCalls(app: FastifyInstance, options: LimitCallsOptions): void {
  const { limiter, errorSchema, describe, rateHeaders = false } = options;
  const wrapped = new WeakSet<Check>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const pre = route.preValidation;
    // A HEAD route copies its GET's options, already limited: count its calls once.
    if (pre && !Array.isArray(pre) && wrapped.has(pre as Check)) return;
    const checks: Check[] = pre ? (Array.isArray(pre) ? [...pre] : [pre as Check]) : [];
    const limited: Check = async function (this: FastifyInstance, request, reply) {
      let refused: unknown = null;
      try {
        for (const check of checks) await run(check, this, request, reply);
      } catch (error) {
        refused = error;
      }
      const principal = request.principal;
      const verdict =
        principal?.kind === 'api_key'
          ? limiter.begin(`key:${principal.apiKey.id}`)
          : limiter.begin(`ip:${request.ip}`);
      if (rateHeaders && Number.isFinite(verdict.limit)) {
        reply.header('x-ratelimit-limit', String(verdict.limit));
        reply.header('x-ratelimit-remaining', String(verdict.ok ? verdict.remaining : 0));
      }
      if (!verdict.ok) {
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        throw new AppError(
          'rate_limited',
          `Rate limit exceeded: ${verdict.reason} with this ${principal ? 'API key' : 'address'}; retry in ${verdict.retryAfterSeconds} s.`,
          { retry_after_seconds: verdict.retryAfterSeconds },
        );
      }
      if (refused) throw refused;
    };
    wrapped.add(limited);
    route.preValidation = limited;
    const schema = route.schema as { response?: object; description?: string } | undefined;
    if (schema) {
      schema.response = { ...schema.response, 429: errorSchema };
      schema.description = [schema.description, describe].filter(Boolean).join('\n\n');
    }
  });
}
