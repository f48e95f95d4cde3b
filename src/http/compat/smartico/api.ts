// Smartico's back-office API (boapi.smartico.ai/api/...) at /smartico/api/...: an operator API key
// in the raw `authorization` header, its JSON `filter` and `range` query, errors in its style
// (errors.ts), each call translated to the native core operations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { searchAffiliates } from '../../../core/affiliates/search-affiliates.ts';
import { AppError } from '../../../core/errors.ts';
import { toAppError } from '../../plugins/error-handler.ts';
import { AFFILIATE_FILTERS, affiliateSearchOf, MAX_RANGE } from './affiliate-query.ts';
import { smarticoAffiliate } from './affiliate-row.ts';
import { SmarticoAffiliate } from './affiliate-schema.ts';
import { affiliateUpdateRoute } from './affiliate-update.ts';
import { rowContext, SMARTICO_INTRO, SMARTICO_TAGS, smarticoKey, smarticoSecurity } from './common.ts';
import { sendSmarticoError, smarticoErrors } from './errors.ts';
import { limitSmarticoCalls } from './limit-smartico-calls.ts';
import { linkRoutes } from './links.ts';
import { pixelDefinitionRoutes } from './pixel-definitions.ts';
import { statusTableMarkdown } from './status.ts';
import { vocabularyMarkdown } from './vocabulary.ts';

export const smarticoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  limitSmarticoCalls(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    return sendSmarticoError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendSmarticoError(
      request,
      reply,
      new AppError('not_found', `no Smartico call ${request.method} ${request.url.split('?')[0]}`),
    ),
  );

  // The document's list calls are curls with `--data ''`: a POST with an empty form body. That
  // much is taken (as no body); a form with content is not Smartico's and is refused.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, body, done) =>
      body === ''
        ? done(null, undefined)
        : done(new AppError('unsupported_media_type', 'send the body as application/json')),
  );

  app.get(
    '/api/af2_aff_op',
    {
      preValidation: smarticoKey('read'),
      schema: {
        tags: SMARTICO_TAGS,
        security: smarticoSecurity,
        summary: 'Get a list of affiliates (Smartico af2_aff_op)',
        description: `${SMARTICO_INTRO}\n\nAffiliates by id, up to ${MAX_RANGE} a call. \`filter\` is a JSON object of ${Object.keys(
          AFFILIATE_FILTERS,
        )
          .map((f) => `\`${f}\``)
          .join(
            ', ',
          )}, each an id or an array of ids (\`{"aff_status_id":2}\`, \`{"id":[1,2]}\`); \`range=[from, to]\` takes the records from \`from\` (0 is the first) up to, not including, \`to\` (\`[1000, 2000]\`: the second thousand). The \`Content-Range\` header says which records came and how many match. An unknown filter field or value, bad JSON or a range over ${MAX_RANGE} is 422 naming each. Amounts are numbers in major units of \`operator_currency\` (the affiliate's default currency, else the currency it has money in, else the first brand's); money in other currencies is in the native balances.\n\n${vocabularyMarkdown(statusTableMarkdown())}`,
        querystring: Type.Object({
          filter: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object' })),
          range: Type.Optional(Type.String({ maxLength: 100, description: '[from, to]' })),
        }),
        response: { 200: Type.Array(SmarticoAffiliate), ...smarticoErrors(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const search = affiliateSearchOf(request.query);
      if (!search) return reply.header('content-range', 'af2_aff_op */0').send([]);
      const ctx = await rowContext(request);
      const page = await searchAffiliates(ctx.db, search);
      const rows = [];
      for (const a of page.data) rows.push(await smarticoAffiliate(ctx, a.id));
      const last = search.offset + rows.length - 1;
      reply.header(
        'content-range',
        rows.length ? `af2_aff_op ${search.offset}-${last}/${page.total}` : `af2_aff_op */${page.total}`,
      );
      return rows;
    },
  );

  await app.register(affiliateUpdateRoute);
  await app.register(pixelDefinitionRoutes);
  await app.register(linkRoutes);
};
