import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClick } from '../events/helpers.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
  teamMember,
} from '../identity/helpers.ts';
import { seedPromo } from '../tracking/helpers.ts';

let t: IdentityTestApp;
let owner: Partner;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const query = { from: day(-2), to: day(1), group_by: ['day'], columns: ['clicks', 'unique_clicks'] };

beforeAll(async () => {
  t = await createIdentityApp();
  owner = await approvedPartner(t, 'requester');
  const seeded = await seedPromo(t, t.admin, 'https://casino.example/');
  const op = async (url: string, payload: object) =>
    (await t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload })).json();
  const campaign = await op('/campaigns', {
    affiliate_id: owner.affiliateId,
    brand_id: seeded.brand.id,
    name: 'R',
  });
  const promo = await op(`/campaigns/${campaign.id}/promos`, { destination_link_id: seeded.link.id });
  for (let i = 0; i < 4; i++) await insertClick(t, promo, new Date(Date.now() - 60_000 * (i + 1)));
  await insertClick(t, promo, new Date(Date.now() - 86_400_000));
}, 180_000);
afterAll(() => t.close());

const portal = (p: Partner, method: string, url: string, payload?: object) =>
  t.as(p.cookie, { method: method as 'GET', url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });

async function sheet(workbook: ExcelJS.Workbook, name: string, width: number) {
  const values: unknown[][] = [];
  workbook.getWorksheet(name)!.eachRow((row) => {
    values.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return values;
}

describe('requested reports', () => {
  it('goes processing → successful, emails the owner, and downloads as XLSX and zipped CSV', async () => {
    const requested = await portal(owner, 'POST', '/reports/requested', {
      format: 'xlsx',
      name: 'Clicks',
      query,
    });
    expect(requested.statusCode, requested.body).toBe(202);
    const id = requested.json().id;
    expect(requested.json()).toMatchObject({
      name: 'Clicks',
      state: 'processing',
      progress: 0,
      actor: { type: 'affiliate_user', id: owner.userId },
    });
    const notReady = await portal(owner, 'GET', `/reports/requested/${id}/download?as=xlsx`);
    expect(notReady.statusCode).toBe(409);

    await t.jobs.runUntilIdle();
    const done = (await portal(owner, 'GET', `/reports/requested/${id}`)).json();
    const expected = (
      await portal(owner, 'POST', '/reports/performance', { ...query, page_size: 1000 })
    ).json();
    expect(done).toMatchObject({ state: 'successful', progress: 100, total_rows: expected.total_rows });
    expect(done.rows_written).toBe(expected.total_rows);

    const keys = expected.columns.map((c: { key: string }) => c.key) as string[];
    const labels = expected.columns.map((c: { label: string }) => c.label);
    const cells = (rows: Record<string, unknown>[]) => rows.map((r) => keys.map((k) => r[k] ?? null));
    const xlsx = await portal(owner, 'GET', `/reports/requested/${id}/download?as=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    expect(await sheet(workbook, 'Rows', keys.length)).toEqual([labels, ...cells(expected.rows)]);
    expect(await sheet(workbook, 'Totals', keys.length)).toEqual([labels, ...cells(expected.totals)]);

    const zip = await portal(owner, 'GET', `/reports/requested/${id}/download?as=zip`);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = await JSZip.loadAsync(zip.rawPayload);
    expect(Object.keys(files.files).sort()).toEqual(['rows.csv', 'totals.csv']);
    const text = (rows: Record<string, unknown>[]) => rows.map((r) => keys.map((k) => String(r[k] ?? '')));
    expect(parse(await files.file('rows.csv')!.async('string'))).toEqual([keys, ...text(expected.rows)]);
    expect(parse(await files.file('totals.csv')!.async('string'))).toEqual([keys, ...text(expected.totals)]);

    const email = await t.lastEmail(owner.email, 'requested_report_ready');
    expect(email.subject).toBe('Your report is ready: Clicks');
    expect(email.text).toContain(`/portal/reports/requested/${id}`);
    // The XLSX is attached: the very file the download serves.
    const sent = email as unknown as { attachments: { filename: string; bytes: number }[] };
    expect(sent.attachments).toEqual([{ filename: 'Clicks.xlsx', bytes: xlsx.rawPayload.length }]);
  });

  it("renames, is its owner's only, and goes with its files after the retention", async () => {
    const id = (await portal(owner, 'POST', '/reports/requested', { format: 'csv', query })).json().id;
    await t.jobs.runUntilIdle();
    const renamed = await portal(owner, 'PATCH', `/reports/requested/${id}`, { name: 'Renamed' });
    expect(renamed.json().name).toBe('Renamed');

    const member = await teamMember(t, owner, 'reqmember');
    const before = await t.db.selectFrom('requested_reports').selectAll().where('id', '=', id).execute();
    expect((await portal(member, 'GET', '/reports/requested')).json().data).toEqual([]);
    expect((await portal(member, 'GET', `/reports/requested/${id}`)).statusCode).toBe(404);
    expect((await portal(member, 'PATCH', `/reports/requested/${id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await portal(member, 'GET', `/reports/requested/${id}/download?as=zip`)).statusCode).toBe(404);
    expect(await t.db.selectFrom('requested_reports').selectAll().where('id', '=', id).execute()).toEqual(
      before,
    );

    const dir = path.join(t.app.deps.config.dataDir, 'requested-reports');
    const keys = [before[0]!.xlsx_key!, before[0]!.zip_key!];
    expect(keys.every((k) => fs.existsSync(path.join(dir, k)))).toBe(true);
    await t.db
      .updateTable('requested_reports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await t.jobs.enqueue(t.db, { name: 'reports.remove-expired', data: {} });
    await t.jobs.runUntilIdle();
    expect(await t.db.selectFrom('requested_reports').selectAll().where('id', '=', id).execute()).toEqual([]);
    expect(keys.map((k) => fs.existsSync(path.join(dir, k)))).toEqual([false, false]);
  });

  it('refuses a bad query now, with nothing requested', async () => {
    const before = await t.db.selectFrom('requested_reports').select('id').execute();
    const bad = await portal(owner, 'POST', '/reports/requested', {
      format: 'xlsx',
      query: { ...query, from: 'yesterday' },
    });
    expect(bad.statusCode).toBe(422);
    const neither = await portal(owner, 'POST', '/reports/requested', { format: 'xlsx' });
    expect(neither.statusCode).toBe(422);
    expect(await t.db.selectFrom('requested_reports').select('id').execute()).toEqual(before);
  });

  it('builds an operator request from a favorite, named after it', async () => {
    const key = await t.apiKey(['read']);
    const favorite = (
      await t.call(key, {
        method: 'POST',
        url: '/api/v1/reports/favorites',
        payload: {
          name: 'Fav',
          report: { group_by: ['day'], columns: ['clicks'] },
          dates: { period: 'last_n_days', n: 3 },
        },
      })
    ).json();
    const res = await t.call(key, {
      method: 'POST',
      url: '/api/v1/reports/requested',
      payload: { format: 'xlsx', favorite_id: favorite.id },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      name: 'Fav',
      report: { from: favorite.resolved.from, to: favorite.resolved.to },
    });
    await t.jobs.runUntilIdle();
    const list = (await t.call(key, { url: '/api/v1/reports/requested' })).json();
    expect(list.data.map((r: { id: number; state: string }) => [r.id, r.state])).toEqual([
      [res.json().id, 'successful'],
    ]);
  });
});
