import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { countClicks } from '../../../core/clicks/counts/count-clicks.ts';
import { type CountedSubject, countClicksOf } from '../../../core/clicks/counts/count-clicks-of.ts';
import { getClick } from '../../../core/clicks/log/get-click.ts';
import { DEFAULT_DAYS, listClicks, MAX_DAYS } from '../../../core/clicks/log/list-clicks.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  ClickCountsAnswer,
  ClickDetail,
  ClickId,
  ClickLogEntry,
  ClickLogQuery,
  COUNTS_HELP,
  countsOfRequest,
  countsOfSchema,
  TimeZoneQuery,
} from '../../schemas/clicks.ts';
import { withErrors } from '../../schemas/common.ts';
import { managerScope } from './manager-scope.ts';

const SUBJECTS: Record<string, CountedSubject> = {
  affiliates: 'affiliate',
  campaigns: 'campaign',
  promos: 'promo',
  'destination-links': 'destination_link',
};
const LIMITED =
  'A manager limited to their own affiliates counts only their clicks (on a destination link too).';

export const clickRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['clicks'];

  app.get(
    '/click-counts',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Click counts of the whole platform',
        description: `${COUNTS_HELP} ${LIMITED}`,
        querystring: TimeZoneQuery,
        response: withErrors({ 200: ClickCountsAnswer }, 401, 403, 422),
      },
    },
    async (request) =>
      countClicks({ db: db(), timeZone: request.query.time_zone, scope: managerScope(request) }),
  );

  app.get(
    '/click-counts/:subject',
    {
      preValidation: requireOperator('read'),
      schema: countsOfSchema(SUBJECTS, {
        tags,
        security: operatorSecurity,
        summary: 'Click counts of each of several affiliates, campaigns, promos or destination links',
        description: `Each id you may see gets an entry, in the order given (zeros without clicks); an id of nothing you may see is left out. ${LIMITED}`,
      }),
    },
    async (request) =>
      countClicksOf({ db: db(), ...countsOfRequest(SUBJECTS, request), scope: managerScope(request) }),
  );

  app.get(
    '/clicks',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The click log, newest first',
        description: `Filtered by time (at most ${MAX_DAYS} days at once, the last ${DEFAULT_DAYS} by default), affiliate, campaign, promo, country, device, bot, uniqueness and sub-ids. Page on with \`before\` set to the answer's \`next_before\` (null on the last page). A manager limited to their own affiliates sees only their clicks.`,
        querystring: ClickLogQuery,
        response: withErrors(
          {
            200: Type.Object({
              data: Type.Array(ClickLogEntry),
              next_before: Type.Union([Type.String(), Type.Null()]),
            }),
          },
          401,
          403,
          404,
          422,
        ),
      },
    },
    async (request) => {
      const { from, to, ...filter } = request.query;
      return listClicks(
        db(),
        {
          ...filter,
          ...(from ? { from: new Date(from) } : {}),
          ...(to ? { to: new Date(to) } : {}),
        },
        managerScope(request),
      );
    },
  );

  app.get(
    '/clicks/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One click, with every stored field',
        params: Type.Object({ id: ClickId }),
        response: withErrors({ 200: ClickDetail }, 401, 403, 404, 422),
      },
    },
    async (request) => getClick(db(), request.params.id, managerScope(request)),
  );
};
