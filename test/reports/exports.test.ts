import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineTest, engineApp } from '../commissions/engine-helpers.ts';
import {
  clicks,
  DAY,
  dayAgo,
  event,
  HOUR,
  isoDay,
  report,
  reportBrand,
  send,
  uid,
} from './engine-helpers.ts';

let e: EngineTest;
let query: Record<string, unknown>;
let expected: {
  columns: { key: string }[];
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>[];
};

const COLUMNS = [
  'clicks',
  'registrations',
  'ftd_count',
  'ftd_amount',
  'total_commission',
  'registration_rate',
];

beforeAll(async () => {
  e = await engineApp();
  // Two campaigns of the brand over two days: clicks, registrations and a first deposit, so rows
  // carry counts, money, ratios, names and a null rate (a day without clicks).
  const s = await reportBrand(e);
  const d0 = dayAgo(3);
  const d1 = new Date(d0.getTime() + DAY);
  await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 3);
  const aff = { affiliate_id: s.affiliateId };
  const [a, b] = [uid('a'), uid('b')];
  await send(e, [
    event(s.brand.id, a, 'registration', new Date(d0.getTime() + 10 * HOUR), aff),
    event(s.brand.id, a, 'deposit', new Date(d0.getTime() + 11 * HOUR), { amount: 1000 }),
    event(s.brand.id, b, 'registration', new Date(d1.getTime() + 10 * HOUR), aff),
  ]);
  query = {
    from: isoDay(d0),
    to: isoDay(new Date(d1.getTime() + DAY)),
    group_by: ['day', 'campaign'],
    filters: { brand: [s.brand.id] },
    columns: COLUMNS,
  };
  expected = await report(e, { ...query, page_size: 1000 });
  expect(expected.rows.length).toBeGreaterThanOrEqual(2);
}, 300_000);
afterAll(() => e.t.close());

async function exported(format: string, extra = '', body: object = query) {
  const res = await e.t.call(e.admin, {
    method: 'POST',
    url: `/api/v1/reports/performance/export?format=${format}${extra}`,
    payload: body,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

/** A value as a text file holds it. */
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const keys = () => expected.columns.map((c) => c.key);

describe('report exports', () => {
  it('CSV: a header of column keys and the rows; the totals as their own CSV', async () => {
    const res = await exported('csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="report.csv"');
    const [header, ...lines] = parse(res.body) as string[][];
    expect(header).toEqual(keys());
    expect(lines).toEqual(expected.rows.map((r) => keys().map((k) => text(r[k]))));
    const totals = parse((await exported('csv', '&part=totals')).body) as string[][];
    expect(totals.slice(1)).toEqual(expected.totals.map((r) => keys().map((k) => text(r[k]))));
  });

  it('XLSX: sheet Rows and sheet Totals, each under the column labels', async () => {
    const res = await exported('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Rows', 'Totals']);
    const sheet = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => {
        // exceljs rows are 1-based; an empty cell reads as undefined.
        values.push(keys().map((_, i) => row.getCell(i + 1).value ?? null));
      });
      return values;
    };
    const labels = (expected.columns as unknown as { label: string }[]).map((c) => c.label);
    const asCells = (rows: Record<string, unknown>[]) => rows.map((r) => keys().map((k) => r[k] ?? null));
    expect(sheet('Rows')).toEqual([labels, ...asCells(expected.rows)]);
    expect(sheet('Totals')).toEqual([labels, ...asCells(expected.totals)]);
  });

  it('JSON: the report as the JSON report answers it, every row, no paging', async () => {
    const res = await exported('json');
    const body = JSON.parse(res.body);
    expect(body).toEqual({
      columns: expected.columns,
      currency_mode: 'native',
      source: 'postgres',
      rows: expected.rows,
      totals: expected.totals,
    });
  });

  it('XML: <report> with its columns, rows and totals', async () => {
    const res = await exported('xml');
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      isArray: (name) => ['row', 'column', 'rate'].includes(name),
    }).parse(res.body);
    expect(parsed.report.currency_mode).toBe('native');
    expect(parsed.report.columns.column).toEqual(expected.columns);
    const asText = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(keys().map((k) => [k, text(r[k])])));
    expect(
      parsed.report.rows.row.map((r: Record<string, unknown>) =>
        Object.fromEntries(keys().map((k) => [k, text(r[k])])),
      ),
    ).toEqual(asText(expected.rows));
    expect(
      parsed.report.totals.row.map((r: Record<string, unknown>) =>
        Object.fromEntries(keys().map((k) => [k, text(r[k])])),
      ),
    ).toEqual(asText(expected.totals));
  });

  it('refuses a bad query before writing anything', async () => {
    const res = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/reports/performance/export?format=csv',
      payload: { ...query, group_by: ['galaxy'] },
    });
    expect(res.statusCode).toBe(422);
    const format = await e.t.call(e.admin, {
      method: 'POST',
      url: '/api/v1/reports/performance/export?format=pdf',
      payload: query,
    });
    expect(format.statusCode).toBe(422);
    expect(format.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['format']);
  });
});
