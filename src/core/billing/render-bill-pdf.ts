import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { Db } from '../../db/index.ts';
import { getProgram } from '../program/get-program.ts';
import { formatWithUnit, minorUnitOf } from '../reference/money-format.ts';
import { type BillScope, loadBill } from './bill-view.ts';

// The standard fonts cover Windows-1252 only: anything else is shown as "?" instead of failing.
const printable = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * A bill as a one-page (or more) invoice: the operator's program and the affiliate's details,
 * the period, due date, lines by commission, corrections and the amount to pay. The same scope
 * as reading the bill (the partner never gets a hidden one).
 */
export async function renderBillPdf(options: { db: Db; id: number; scope?: BillScope }): Promise<Uint8Array> {
  const bill = await loadBill(options.db, options.id, options.scope ?? {});
  const [program, affiliate, unit] = await Promise.all([
    getProgram(options.db),
    options.db
      .selectFrom('affiliates')
      .select([
        'name',
        'company_name',
        'email',
        'address_line1',
        'address_line2',
        'city',
        'postal_code',
        'country_code',
        'vat_number',
      ])
      .where('id', '=', bill.affiliate_id)
      .executeTakeFirstOrThrow(),
    minorUnitOf(options.db, bill.currency),
  ]);
  const money = (amount: bigint) => formatWithUnit(amount, bill.currency, unit);
  const doc = await PDFDocument.create();
  doc.setTitle(`Bill ${bill.id}`);
  doc.setCreator('Affluent');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([595, 842]);
  let y = 790;
  const text = (value: string, x: number, size = 10, f: PDFFont = font) =>
    page.drawText(printable(value), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  const right = (value: string, x: number, size = 10, f: PDFFont = font) =>
    text(value, x - f.widthOfTextAtSize(printable(value), size), size, f);
  const line = () => {
    page.drawLine({
      start: { x: 50, y: y + 4 },
      end: { x: 545, y: y + 4 },
      thickness: 0.5,
      color: rgb(0.7, 0.7, 0.7),
    });
  };
  const next = (step = 14) => {
    y -= step;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 790;
    }
  };

  text(program.name, 50, 16, bold);
  right(`BILL ${bill.id}`, 545, 16, bold);
  next(22);
  text('From', 50, 9, bold);
  text('To', 300, 9, bold);
  next();
  const to = [
    affiliate.company_name || affiliate.name,
    affiliate.company_name ? affiliate.name : '',
    affiliate.address_line1 ?? '',
    affiliate.address_line2 ?? '',
    [affiliate.postal_code, affiliate.city, affiliate.country_code].filter(Boolean).join(' '),
    affiliate.vat_number ? `VAT ${affiliate.vat_number}` : '',
    affiliate.email ?? '',
  ].filter(Boolean);
  const from = [program.name, `Brand: ${bill.brand_name}`];
  for (let i = 0; i < Math.max(to.length, from.length); i++) {
    if (from[i]) text(from[i]!, 50);
    if (to[i]) text(to[i]!, 300);
    next();
  }
  next(8);
  for (const [label, value] of [
    ['Period', `${bill.period_start} to ${bill.period_end}`],
    ['Issued on', bill.issued_on],
    ['Due date', bill.due_date],
    ['Commission plan', bill.plan_name ?? '-'],
    ['Status', bill.status.replace('_', ' ')],
  ] as const) {
    text(label, 50, 10, bold);
    text(value, 160);
    next();
  }
  next(10);
  text('Commission', 50, 9, bold);
  text('Kind', 130, 9, bold);
  text('Earned', 200, 9, bold);
  right('Amount', 545, 9, bold);
  next();
  line();
  for (const l of bill.lines) {
    text(String(l.commission_id), 50, 9);
    text(l.kind, 130, 9);
    text(l.earned_at.toISOString().slice(0, 10), 200, 9);
    right(money(l.amount), 545, 9);
    next(12);
  }
  line();
  next(4);
  text('Issued amount', 300, 10, bold);
  right(money(bill.issued_amount), 545);
  next();
  for (const c of bill.corrections) {
    text(`${c.action === 'add' ? 'Added' : 'Subtracted'}: ${c.comment}`.slice(0, 60), 300, 9);
    right(money(c.action === 'add' ? c.amount : -c.amount), 545, 9);
    next(12);
  }
  text('Amount to pay', 300, 11, bold);
  right(money(bill.amount_to_pay), 545, 11, bold);
  return doc.save();
}
