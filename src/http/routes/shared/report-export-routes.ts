// The export of a performance report, the same for the operator and the affiliate: only who may
// call it, the tags and the scope of the rows differ.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import type { ReportScope } from '../../../core/reports/engine/report-query.ts';
import { ReportQuerySchema } from '../../../core/reports/engine/report-query.ts';
import { exportReport, type ReportFile } from '../../../core/reports/exports/export-report.ts';
import { withErrors } from '../../schemas/common.ts';
import { EXPORT_HELP, EXPORT_RESPONSE, ExportQuery } from '../../schemas/report-exports.ts';

export interface ExportAudience {
  tags: string[];
  security: Record<string, string[]>[];
  guard: preValidationHookHandler;
  scope(request: FastifyRequest): ReportScope;
  /** Who may read it, in the audience's words. */
  description: string;
}

/** Sends a report file as an attachment, `X-Report-Source` naming the store that answered. */
export function sendReportFile(reply: FastifyReply, file: ReportFile) {
  reply.header('x-report-source', file.source ?? 'postgres');
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function reportExportRoutes(audience: ExportAudience): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/reports/performance/export',
      {
        preValidation: audience.guard,
        schema: {
          tags: audience.tags,
          security: audience.security,
          summary: 'Export a performance report as CSV, XLSX, JSON or XML',
          description: `${EXPORT_HELP}\n\n${audience.description}`,
          querystring: ExportQuery,
          body: ReportQuerySchema,
          response: withErrors({ 200: EXPORT_RESPONSE }, 401, 403, 422),
        },
      },
      async (request, reply) => {
        const file = await exportReport({
          db: app.deps.database.db,
          scope: audience.scope(request),
          query: request.body,
          format: request.query.format,
          part: request.query.part,
          sourcing: reportSourcing(app.deps),
        });
        return sendReportFile(reply, file);
      },
    );
  };
}
