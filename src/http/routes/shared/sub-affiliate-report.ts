// The sub-affiliate report's answer and export, the same for the operator and the affiliate: only
// who may call them and whose sub-affiliates they read differ.
import type { FastifyReply } from 'fastify';
import type { ExportFormat } from '../../../core/reports/exports/export-formats.ts';
import { reportFile } from '../../../core/reports/exports/export-report.ts';
import {
  type SubAffiliateReportQuery,
  streamSubAffiliateReport,
  subAffiliateReport,
} from '../../../core/reports/sub-affiliates/sub-affiliate-report.ts';
import type { Db } from '../../../db/index.ts';
import { reportBody } from '../operator/reports.ts';
import { sendReportFile } from './report-export-routes.ts';

interface Reader {
  db: Db;
  affiliateId: number;
  asPartner: boolean;
  managerId?: number;
  query: SubAffiliateReportQuery;
}

export async function subAffiliateReportBody(reader: Reader) {
  return reportBody(await subAffiliateReport(reader));
}

export async function sendSubAffiliateExport(
  reply: FastifyReply,
  reader: Reader,
  file: { format: ExportFormat; part?: 'rows' | 'totals' },
) {
  const report = await streamSubAffiliateReport(reader);
  return sendReportFile(reply, await reportFile(report, { ...file, name: 'sub-affiliates' }));
}
