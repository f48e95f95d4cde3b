import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { Db } from '../../db/index.ts';
import { formatWithUnit, minorUnitOf } from '../reference/money-format.ts';
import { type BillStatement, billStatement } from './bill-statement.ts';
import { canonicalJson } from './chain-hash.ts';

const printable = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * A bill's signed statement for people: the same statement as the JSON (issued in the same call,
 * its SHA-256 printed so the two can be matched), with the chain range, the checkpoint, the totals
 * per measure and every link of the range. The PDF itself is not what is verified: the JSON is.
 */
export async function renderStatementPdf(options: {
  db: Db;
  secretKey: string;
  issuer: string;
  billId: number;
  affiliateId?: number;
  now?: Date;
}): Promise<Uint8Array> {
  const statement = await billStatement(options);
  const currency = String(statement.bill.currency);
  const unit = await minorUnitOf(options.db, currency);
  return drawStatement(statement, (amount) => formatWithUnit(BigInt(amount), currency, unit));
}

async function drawStatement(s: BillStatement, money: (amount: number) => string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Statement of bill ${s.bill.id}`);
  doc.setCreator('Affluent');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  let page = doc.addPage([595, 842]);
  let y = 790;
  const text = (value: string, x: number, size = 10, f: PDFFont = font) =>
    page.drawText(printable(value), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  const right = (value: string, x: number, size = 10, f: PDFFont = font) =>
    text(value, x - f.widthOfTextAtSize(printable(value), size), size, f);
  const next = (step = 14) => {
    y -= step;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 790;
    }
  };
  const pair = (label: string, value: string, f: PDFFont = font, size = 10) => {
    text(label, 50, 10, bold);
    text(value, 190, size, f);
    next();
  };
  const heading = (value: string) => {
    next(8);
    text(value, 50, 12, bold);
    next(18);
  };

  text(`STATEMENT OF BILL ${s.bill.id}`, 50, 16, bold);
  next(22);
  pair('Issuer', s.issuer);
  pair('Issued at', s.issued_at);
  pair('Affiliate', String(s.affiliate_id));
  pair('Period', `${s.bill.period_start} to ${s.bill.period_end}`);
  pair('Status', String(s.bill.status).replace('_', ' '));
  pair('Currency', String(s.bill.currency));

  heading('Chain');
  pair('Range', `links ${s.range.from_seq} to ${s.range.to_seq}`);
  pair('Previous hash', s.range.prev_hash, mono, 7);
  pair('Checkpoint', `link ${s.checkpoint.seq}, sealed ${s.checkpoint.sealed_at}`);
  pair('Checkpoint hash', s.checkpoint.hash, mono, 7);
  pair('Checkpoint key', s.checkpoint.key_id);
  pair('Statement key', s.key_id);
  pair('Statement SHA-256', createHash('sha256').update(canonicalJson(s)).digest('hex'), mono, 7);

  heading('Totals');
  const t = s.totals as {
    lines: number;
    lines_amount: number;
    by_kind: Record<string, number>;
    corrections_added: number;
    corrections_subtracted: number;
    amount_to_pay: number;
  };
  const total = (label: string, value: string, f: PDFFont = font) => {
    text(label, 50, 10, f);
    right(value, 400, 10, f);
    next();
  };
  total('Lines', String(t.lines));
  for (const [kind, amount] of Object.entries(t.by_kind)) total(`Lines: ${kind}`, money(amount));
  total('Lines amount', money(t.lines_amount));
  total('Corrections added', money(t.corrections_added));
  total('Corrections subtracted', money(-t.corrections_subtracted));
  total('Amount to pay', money(t.amount_to_pay), bold);

  heading('Records');
  const inFull = s.links.filter((l) => l.body !== undefined).length;
  text(
    `${inFull} records behind the bill in full in the JSON statement, ${s.links.length - inFull} other links by hash.`,
    50,
    9,
  );
  next(16);
  text('Link', 50, 9, bold);
  text('Kind', 95, 9, bold);
  text('Record', 200, 9, bold);
  text('Hash', 260, 9, bold);
  next();
  for (const l of s.links) {
    text(String(l.seq), 50, 8);
    text(l.kind, 95, 8, l.body !== undefined ? bold : font);
    text(l.ref_id, 200, 8);
    text(l.hash, 260, 6.5, mono);
    next(11);
  }
  next(8);
  text('Signature', 50, 10, bold);
  next();
  text(s.signature, 50, 6.5, mono);
  next();
  text('Verify the JSON statement with: node verifier/verify-statement.mjs statement.json', 50, 8);
  return doc.save();
}
