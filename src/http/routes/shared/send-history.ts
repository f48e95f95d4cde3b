import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../../config.ts';
import { billStatement } from '../../../core/history/bill-statement.ts';
import { exportChain } from '../../../core/history/export-chain.ts';
import { secretOf } from '../../../core/history/history-jobs.ts';
import { renderStatementPdf } from '../../../core/history/render-statement-pdf.ts';
import type { Db } from '../../../db/index.ts';

interface StatementRequest {
  db: Db;
  config: Config;
  billId: number;
  /** Set on the partner API: another affiliate's bill is not found. */
  affiliateId?: number;
}

/** What both the JSON and the PDF statement are built from. */
const statementOptions = (options: StatementRequest) => ({
  db: options.db,
  secretKey: secretOf(options.config.secretKey),
  issuer: options.config.publicUrl,
  billId: options.billId,
  ...(options.affiliateId ? { affiliateId: options.affiliateId } : {}),
});

// Sent as text: the signature covers the canonical form, so nothing may reorder or drop a field.
export async function sendStatement(reply: FastifyReply, options: StatementRequest) {
  const statement = await billStatement(statementOptions(options));
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="statement-bill-${options.billId}.json"`)
    .send(JSON.stringify(statement));
}

export async function sendStatementPdf(reply: FastifyReply, options: StatementRequest) {
  const pdf = await renderStatementPdf(statementOptions(options));
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="statement-bill-${options.billId}.pdf"`)
    .send(Buffer.from(pdf));
}

export function sendChain(reply: FastifyReply, options: { db: Db; config: Config; affiliateId: number }) {
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="history-affiliate-${options.affiliateId}.json"`)
    .send(
      Readable.from(
        exportChain({ db: options.db, affiliateId: options.affiliateId, issuer: options.config.publicUrl }),
      ),
    );
}
