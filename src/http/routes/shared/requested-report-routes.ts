// Requested reports, the same for staff and affiliate users: only who may call them, the owner
// and the scope of the rows differ.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import type { ReportScope } from '../../../core/reports/engine/report-query.ts';
import { favoriteQuery } from '../../../core/reports/favorites/favorite-view.ts';
import { getFavorite } from '../../../core/reports/favorites/get-favorite.ts';
import type { ReportOwner } from '../../../core/reports/favorites/report-owner.ts';
import { getRequestedReport } from '../../../core/reports/requested/get-requested-report.ts';
import { listRequestedReports } from '../../../core/reports/requested/list-requested-reports.ts';
import { openRequestedFile } from '../../../core/reports/requested/open-requested-file.ts';
import { renameRequestedReport } from '../../../core/reports/requested/rename-requested-report.ts';
import { requestReport } from '../../../core/reports/requested/request-report.ts';
import { actorOf } from '../../actor.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  DownloadQuery,
  REQUESTED_HELP,
  RenameBody,
  RequestBody,
  RequestedListQuery,
  RequestedParams,
  RequestedReport,
  RequestedReportPage,
} from '../../schemas/requested-reports.ts';

export interface RequestedAudience {
  tags: string[];
  security: Record<string, string[]>[];
  guard: preValidationHookHandler;
  owner(request: FastifyRequest): ReportOwner;
  scope(request: FastifyRequest): ReportScope;
}

export function requestedReportRoutes(audience: RequestedAudience): FastifyPluginAsyncTypebox {
  return async (app) => {
    const db = () => app.deps.database.db;
    const common = { tags: audience.tags, security: audience.security, description: REQUESTED_HELP };
    const guard = { preValidation: audience.guard };

    app.post(
      '/reports/requested',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Request a report to be built in the background',
          body: RequestBody,
          response: withErrors({ 202: RequestedReport }, 401, 403, 404, 422),
        },
      },
      async (request, reply) => {
        const { query, favorite_id: favoriteId, format } = request.body;
        if ((query === undefined) === (favoriteId === undefined))
          throw AppError.field('query', 'give either query or favorite_id');
        const owner = audience.owner(request);
        const favorite = favoriteId ? await getFavorite({ db: db(), owner, id: favoriteId }) : null;
        const report = await requestReport({
          db: db(),
          jobs: app.deps.jobs,
          actor: actorOf(request),
          owner,
          scope: audience.scope(request),
          query: favorite ? favoriteQuery(favorite) : query!,
          format,
          name: request.body.name ?? favorite?.name,
          retentionDays: app.deps.config.reports.retentionDays,
          sourcing: reportSourcing(app.deps),
        });
        return reply.status(202).send(report as never);
      },
    );

    app.get(
      '/reports/requested',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'My requested reports, newest first',
          querystring: RequestedListQuery,
          response: withErrors({ 200: RequestedReportPage }, 401, 403, 422),
        },
      },
      async (request) => {
        const page = pageOf(request.query);
        return listPage(
          page,
          await listRequestedReports({ db: db(), owner: audience.owner(request), ...page }),
        ) as never;
      },
    );

    app.get(
      '/reports/requested/:id',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'One of my requested reports, with its state and progress',
          params: RequestedParams,
          response: withErrors({ 200: RequestedReport }, 401, 403, 404, 422),
        },
      },
      async (request) =>
        (await getRequestedReport({
          db: db(),
          owner: audience.owner(request),
          id: request.params.id,
        })) as never,
    );

    app.patch(
      '/reports/requested/:id',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Name one of my requested reports',
          params: RequestedParams,
          body: RenameBody,
          response: withErrors({ 200: RequestedReport }, 401, 403, 404, 422),
        },
      },
      async (request) =>
        (await renameRequestedReport({
          db: db(),
          owner: audience.owner(request),
          id: request.params.id,
          name: request.body.name,
        })) as never,
    );

    app.get(
      '/reports/requested/:id/download',
      {
        ...guard,
        schema: {
          ...common,
          summary: 'Download a ready report as XLSX or zipped CSV',
          params: RequestedParams,
          querystring: DownloadQuery,
          response: withErrors(
            {
              200: {
                description: 'The file',
                content: {
                  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                    schema: { type: 'string', format: 'binary' },
                  },
                  'application/zip': { schema: { type: 'string', format: 'binary' } },
                },
              },
            },
            401,
            403,
            404,
            409,
            422,
          ),
        },
      },
      async (request, reply) => {
        const file = await openRequestedFile({
          db: db(),
          dataDir: app.deps.config.dataDir,
          owner: audience.owner(request),
          id: request.params.id,
          as: request.query.as,
        });
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    );
  };
}
