import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import { EXPORT_FORMATS } from '../../../core/reports/exports/export-formats.ts';
import { feedReport } from '../../../core/reports/exports/feed-report.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';
import { EXPORT_RESPONSE } from '../../schemas/report-exports.ts';
import { sendReportFile } from '../shared/report-export-routes.ts';

export const partnerReportFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reports/feeds/:id',
    {
      schema: {
        tags: ['portal: reports'],
        security: [],
        summary: 'A statistics feed: one of my favorites as JSON, XML, CSV or XLSX, without a session',
        description:
          'Open this URL anywhere (a spreadsheet, a script) without signing in: `token` is your statistic token (Profile), `id` one of your favorites. A favorite with a relative period (this month, last 7 days) resolves it at each fetch, so the same link keeps working across months. Expiring or regenerating the token stops every link holding it (401). Your own rows only, and only the measurements the operator lets you see.',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        querystring: Type.Object(
          {
            token: Type.Optional(Type.String({ maxLength: 100, description: 'Your statistic token' })),
            format: StringEnum(EXPORT_FORMATS),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: EXPORT_RESPONSE }, 401, 404, 422),
      },
    },
    async (request, reply) => {
      const file = await feedReport({
        db: app.deps.database.db,
        token: request.query.token,
        favoriteId: request.params.id,
        format: request.query.format,
        sourcing: reportSourcing(app.deps),
      });
      return sendReportFile(reply, file);
    },
  );
};
