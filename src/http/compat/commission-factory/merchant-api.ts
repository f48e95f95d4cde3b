// Commission Factory's merchant API (affiliates): /commissionfactory/V1/Merchant/Affiliates and
// /Affiliates/{id}, an operator API key in ?apiKey=, JSON or XML, errors in its shape and its call
// limits, translated to the native affiliate reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { searchAffiliates } from '../../../core/affiliates/search-affiliates.ts';
import { authenticateApiKey } from '../../../core/auth/authenticate-api-key.ts';
import { hasScope } from '../../../core/auth/scopes.ts';
import { AppError, ERROR_STATUS } from '../../../core/errors.ts';
import { toAppError } from '../../plugins/error-handler.ts';
import { Nullable } from '../../schemas/common.ts';
import { type CfAffiliate, toCfAffiliate, websiteSource } from './affiliates.ts';
import { CallRateLimiter } from './rate-limits.ts';
import {
  COMMISSION_FACTORY_STATUSES,
  fromCommissionFactoryStatus,
  SERVED_STATUSES,
  statusTableMarkdown,
} from './status.ts';
import { errorXml, merchantXml } from './xml.ts';

const tags = ['Commission Factory compatibility: merchant affiliates'];
const security = [{ commissionFactoryApiKey: [] }];
const STATUS_WORDS = COMMISSION_FACTORY_STATUSES.map((s) => s.status);
const PAGE = 1000;

type Format = 'json' | 'xml';

/** Weight of the best media range in an Accept header matching one of `types`, or -1. */
function weight(accept: string, types: readonly string[]): number {
  let best = -1;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (types.includes(range.trim()) && Number.isFinite(value)) best = Math.max(best, value);
  }
  return best;
}

/**
 * JSON unless asked for XML, as the original negotiates: the `contentType` parameter first, then
 * the Accept header (the better weighted of the JSON and XML types; JSON on a tie or a wildcard),
 * then the Content-Type header.
 */
export function responseFormat(request: FastifyRequest): Format {
  const override = (request.query as Record<string, unknown> | undefined)?.contentType;
  if (typeof override === 'string' && /xml/i.test(override)) return 'xml';
  if (typeof override === 'string' && /json/i.test(override)) return 'json';
  const accept = request.headers.accept;
  if (accept) {
    const xml = weight(accept, ['application/xml', 'text/xml']);
    const json = weight(accept, ['application/json', 'text/json']);
    if (xml > 0 && xml > json) return 'xml';
    if (json > 0) return 'json';
  }
  return /xml/i.test(request.headers['content-type'] ?? '') ? 'xml' : 'json';
}

function send(request: FastifyRequest, reply: FastifyReply, root: string, value: unknown) {
  if (responseFormat(request) === 'json') return reply.type('application/json; charset=utf-8').send(value);
  return reply.type('application/xml; charset=utf-8').send(merchantXml(root, value as never));
}

/** Statuses of the original's errors; what it does not list keeps the native status. */
function cfStatus(error: AppError): number {
  switch (error.code) {
    case 'validation_failed':
    case 'bad_request':
      return 400;
    case 'unauthenticated':
    case 'forbidden':
      return 401;
    case 'internal_error':
    case 'unavailable':
      return 500;
    default:
      return ERROR_STATUS[error.code];
  }
}

const MESSAGES: Record<number, string> = {
  400: 'One or more parameters could not be parsed correctly.',
  401: 'The API key is missing, invalid, or for a different account type.',
  404: 'The requested resource was not found.',
  429: 'The API call rate limit for the user account has been exceeded.',
  500: 'An unexpected error occurred while processing your request.',
};

/** `{ "Message": "..." }` (or `<Error><Message>`): ASP.NET Web API's error body, which the original answers. */
function sendCfError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = cfStatus(error);
  const lead = MESSAGES[status];
  const message = status === 500 ? lead! : lead ? `${lead} ${error.message}` : error.message;
  const retry = (error.details as { retry_after_seconds?: number } | null)?.retry_after_seconds;
  if (retry !== undefined) reply.header('retry-after', String(retry));
  reply.status(status);
  if (responseFormat(request) === 'xml')
    return reply.type('application/xml; charset=utf-8').send(errorXml(message));
  return reply.type('application/json; charset=utf-8').send({ Message: message });
}

const TrafficSource = Type.Object(
  {
    Type: Type.String({ description: 'Always `Website`: the website Affluent holds for the affiliate' }),
    Status: Type.String({ description: '`Approved` with the account, `Pending` while its application is' }),
    WebsiteDateCreated: Type.String(),
    WebsiteDateModified: Type.String(),
    WebsiteUrl: Type.String(),
    WebsiteName: Type.String({ description: 'The host of the URL' }),
    WebsiteDescription: Nullable(Type.String()),
    WebsiteCategory: Nullable(Type.String()),
    WebsiteType: Nullable(Type.String()),
    WebsiteWeeklyVisitors: Nullable(Type.Integer()),
    WebsiteYearsOnline: Nullable(Type.Integer()),
    WebsiteChannel: Nullable(Type.String()),
    WebsiteVerified: Type.Boolean(),
  },
  { description: 'TrafficSource: what Affluent does not hold is null' },
);

const DATE = 'UTC, `2000-01-01T00:00:00.000`';
const Affiliate = Type.Object(
  {
    Id: Type.Integer({ description: 'The native affiliate id' }),
    DateCreated: Type.String({ description: `created_at, ${DATE}` }),
    DateModified: Type.String({ description: `updated_at, ${DATE}` }),
    DateApplied: Type.String({ description: `applied_at, ${DATE}` }),
    DateApproved: Nullable(Type.String({ description: `approved_at, ${DATE}; null until approved` })),
    ContactName: Type.String({ description: 'contact_name, else the account name' }),
    BusinessName: Nullable(Type.String({ description: 'company_name' })),
    Status: Type.String({ enum: STATUS_WORDS, description: 'AffiliateStatus: see the table' }),
    TrafficSources: Nullable(Type.Array(TrafficSource, { description: 'null in the list' })),
  },
  { description: 'Affiliate, its properties in the order of the original' },
);
const CfError = Type.Object(
  { Message: Type.String() },
  { description: 'In XML: `<Error><Message>...</Message></Error>`' },
);
const errors = { 400: CfError, 401: CfError, 429: CfError, 500: CfError };

const Query = Type.Object({
  status: Type.Optional(
    Type.String({
      maxLength: 40,
      description: `AffiliateStatus to filter by: ${STATUS_WORDS.join(', ')} (any case). Without it, every affiliate this API serves.`,
    }),
  ),
  contentType: Type.Optional(
    Type.String({
      maxLength: 100,
      description: '`application/xml` or `application/json`: overrides the Accept header',
    }),
  ),
});

const describeApi = (limits: { callsPerMinute: number; callsPerDay: number }) =>
  `Authenticated by an operator API key with the \`read\` scope in \`?apiKey=\` (a missing, invalid or revoked key, or one without the scope, is 401). JSON by default; XML with \`Accept: application/xml\` (or \`text/xml\`, or \`?contentType=application/xml\`) in the namespace \`https://api.commissionfactory.com/V1/Merchant\`, nulls as \`i:nil="true"\`. Errors are \`{ "Message": "..." }\` (XML \`<Error><Message>\`) with 400, 401, 404, 429 or 500. At most ${limits.callsPerMinute || 'unlimited'} calls per key in a rolling 60 seconds and ${limits.callsPerDay || 'unlimited'} in a rolling 24 hours, one at a time (429 with Retry-After beyond).\n\nStatuses:\n\n${statusTableMarkdown()}`;

export const commissionFactoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const limits = app.deps.config.commissionFactory;
  const limiter = new CallRateLimiter({ perMinute: limits.callsPerMinute, perDay: limits.callsPerDay });
  const releases = new WeakMap<FastifyRequest, () => void>();
  const description = describeApi(limits);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    return sendCfError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendCfError(
      request,
      reply,
      new AppError('not_found', `No resource matches ${request.url.split('?')[0]}.`),
    ),
  );
  const release = async (request: FastifyRequest) => releases.get(request)?.();
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  /**
   * preValidation, so a caller without a key learns nothing of the input: the key, its scope,
   * then the call limits. A refused key counts against the address (guessing keys is paced too).
   */
  const preValidation = async (request: FastifyRequest) => {
    const raw = (request.query as Record<string, unknown>).apiKey;
    const presented = typeof raw === 'string' ? raw.trim() : '';
    const apiKey = presented ? await authenticateApiKey(db(), presented) : null;
    const verdict =
      apiKey && hasScope(apiKey.scopes, 'read')
        ? limiter.begin(`key:${apiKey.id}`)
        : limiter.begin(`ip:${request.ip}`, false);
    if (!verdict.ok) {
      throw new AppError('rate_limited', `${verdict.reason}; retry in ${verdict.retryAfterSeconds} s.`, {
        retry_after_seconds: verdict.retryAfterSeconds,
      });
    }
    releases.set(request, verdict.release);
    if (!apiKey)
      throw new AppError(
        'unauthenticated',
        presented ? 'The key is invalid or revoked.' : 'Send it as ?apiKey=.',
      );
    if (!hasScope(apiKey.scopes, 'read'))
      throw new AppError('unauthenticated', 'The key lacks the "read" scope.');
  };

  app.get(
    '/V1/Merchant/Affiliates',
    {
      preValidation,
      schema: {
        tags,
        security,
        summary: 'GET Affiliates (Commission Factory)',
        description: `${description}\n\nEvery affiliate the API serves (or those of \`status\`), by id, with \`TrafficSources\` null. An unknown status is 400.`,
        querystring: Query,
        response: { 200: Type.Array(Affiliate, { description: 'AffiliateArray' }), ...errors },
      },
    },
    async (request, reply) => {
      const word = request.query.status?.trim();
      const statuses = word ? fromCommissionFactoryStatus(word) : SERVED_STATUSES;
      if (!statuses) throw AppError.field('status', `must be one of ${STATUS_WORDS.join(', ')}`);
      const out: CfAffiliate[] = [];
      // The original has no paging: the whole list, read in pages so no query grows unbounded.
      for (let offset = 0; statuses.length > 0; offset += PAGE) {
        const page = await searchAffiliates(db(), {
          statuses: [...statuses],
          sort: { by: 'id', desc: false },
          offset,
          limit: PAGE,
        });
        for (const a of page.data) out.push(toCfAffiliate(a, null)!);
        if (page.data.length < PAGE) break;
      }
      return send(request, reply, 'AffiliateArray', out);
    },
  );

  app.get(
    '/V1/Merchant/Affiliates/:id',
    {
      preValidation,
      schema: {
        tags,
        security,
        summary: 'GET Affiliate by id (Commission Factory)',
        description: `${description}\n\nOne affiliate with \`TrafficSources\`: its website as a \`Website\` source (an empty array without one). An affiliate this API does not serve (declined, inactive, suspended) is 404 like a missing one.`,
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        querystring: Query,
        response: { 200: Affiliate, ...errors, 404: CfError },
      },
    },
    async (request, reply) => {
      const view = await getAffiliate(db(), request.params.id);
      const affiliate = toCfAffiliate(view, websiteSource(view));
      if (!affiliate) throw AppError.notFound('affiliate');
      return send(request, reply, 'Affiliate', affiliate);
    },
  );
};
