import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { countClicks } from '../../../core/clicks/counts/count-clicks.ts';
import { type CountedSubject, countClicksOf } from '../../../core/clicks/counts/count-clicks-of.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import {
  ClickCountsAnswer,
  COUNTS_HELP,
  countsOfRequest,
  countsOfSchema,
  TimeZoneQuery,
} from '../../schemas/clicks.ts';
import { withErrors } from '../../schemas/common.ts';
import { scopeOf } from './campaigns.ts';

const SUBJECTS: Record<string, CountedSubject> = { campaigns: 'campaign', promos: 'promo' };

export const partnerClickRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: clicks'];

  app.get(
    '/click-counts',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My click counts',
        description: COUNTS_HELP,
        querystring: TimeZoneQuery,
        response: withErrors({ 200: ClickCountsAnswer }, 401, 403, 422),
      },
    },
    async (request) => countClicks({ db: db(), timeZone: request.query.time_zone, scope: scopeOf(request) }),
  );

  app.get(
    '/click-counts/:subject',
    {
      preValidation: requirePartner(),
      schema: countsOfSchema(SUBJECTS, {
        tags,
        security: partnerSecurity,
        summary: 'Click counts of each of several of my campaigns or promos',
        description:
          'Each of your campaigns or promos asked for gets an entry, in the order given (zeros without clicks); any other id is left out.',
      }),
    },
    async (request) =>
      countClicksOf({ db: db(), ...countsOfRequest(SUBJECTS, request), scope: scopeOf(request) }),
  );
};
