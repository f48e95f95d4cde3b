import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../../config.ts';
import { billStatement } from '../../../core/history/bill-statement.ts';
import { exportChain } from '../../../core/history/export-chain.ts';
import { secretOf } from '../../../core/history/history-jobs.ts';
import { renderStatementPdf } from '../../../core/history/render-statement-pdf.ts';
import type { Db } from '../../../db/index.ts';

// Sent as text: the signature covers the canonical form, so nothing may reorder or drop a field.
export async function sendStatement(
  reply: FastifyReply,
  options: { db: Db; config: Config; billId: number; affiliateId?: number },
) {
  const statement = await billStatement({
    db: options.db,
    secretKey: secretOf(options.config.secretKey),
    issuer: options.config.publicUrl,
    billId: options.billId,
    ...(options.affiliateId ? { affiliateId: options.affiliateId } : {}),
  });
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="statement-bill-${options.billId}.json"`)
    .send(JSON.stringify(statement));
}

export async function sendStatementPdf(
  reply: FastifyReply,
  options: { db: Db; config: Config; billId: number; affiliateId?: number },
) {
  const pdf = await renderStatementPdf({
    db: options.db,
    secretKey: secretOf(options.config.secretKey),
    issuer: options.config.publicUrl,
    billId: options.billId,
    ...(options.affiliateId ? { affiliateId: options.affiliateId } : {}),
  });
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
