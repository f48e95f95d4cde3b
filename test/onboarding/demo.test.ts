/**
 * The demo program: loaded into an empty installation it shows through the API as a living
 * platform (counts, click log, checklist, banners, portal users); anything already there makes
 * it refuse without writing. The CLI command prints what it loaded.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/core/demo/load-demo.ts';
import { AppError } from '../../src/core/errors.ts';
import { createIdentityApp, portalCookie } from '../identity/helpers.ts';
import { rowCounts } from '../security/support/database-state.ts';
import { runNode, tempDir } from '../support/spawn.ts';

const PUBLIC_URL = 'http://localhost:8080';

describe('the demo program', () => {
  it('fills an empty installation through the core operations, then refuses a second time', {
    timeout: 120_000,
  }, async () => {
    const dataDir = `.tmp/test-demo-${process.pid}`;
    const t = await createIdentityApp({ DATA_DIR: dataDir, PUBLIC_URL });
    try {
      const summary = await loadDemo({ db: t.db, dataDir, publicUrl: PUBLIC_URL, clicks: 1500 });
      expect(summary).toMatchObject({ brands: 2, destination_links: 6, banners: 12, affiliates: 8 });
      expect(summary.clicks).toBeGreaterThan(1200);
      expect(summary.promos).toBeGreaterThanOrEqual(6);
      const get = async (url: string) => {
        const res = await t.call(t.admin, { url: `/api/v1${url}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };

      // Every click falls in the last 30 days, some today; not every click is unique, a few are bots.
      const { counts } = await get('/click-counts');
      expect(counts.last_30_days.clicks).toBe(summary.clicks);
      expect(counts.last_30_days.unique_clicks).toBeLessThan(summary.clicks);
      expect(counts.last_7_days.clicks).toBeGreaterThan(0);
      const log = await get('/clicks?limit=200');
      expect(log.data).toHaveLength(200);
      expect(log.data.some((c: { country: string | null }) => c.country !== null)).toBe(true);
      expect(log.data.some((c: { sub1: string | null }) => c.sub1 !== null)).toBe(true);
      expect(log.data.some((c: { device_type: string }) => c.device_type === 'mobile')).toBe(true);

      const steps = (await get('/setup-checklist')).steps as {
        step: string;
        done: boolean;
        available: boolean;
      }[];
      // Commission plans are not part of the demo (yet): every other step is done.
      expect(steps.filter((s) => s.step !== 'commission_plan' && !s.done)).toEqual([]);

      const affiliates = await get('/affiliates?page_size=50');
      expect(affiliates.paging.total).toBe(8);
      expect((await get('/affiliates?status=pending&page_size=1')).paging.total).toBe(2);
      const banners = await get('/media');
      expect(banners.data).toHaveLength(12);
      const file = await t.app.inject({ url: new URL(banners.data[0].url).pathname });
      expect(file.statusCode).toBe(200);

      // A demo affiliate signs in to the portal with the printed password and sees its clicks.
      const active = summary.users[0]!;
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/partner/v1/auth/sign-in',
        payload: { email: active.email, password: summary.password },
      });
      expect(signIn.statusCode, signIn.body).toBe(200);
      const mine = await t.as(portalCookie(signIn)!, { url: '/api/partner/v1/click-counts' });
      expect(mine.json().counts.last_30_days.clicks).toBeGreaterThan(0);

      const before = await rowCounts(t.db);
      const again = await loadDemo({ db: t.db, dataDir, publicUrl: PUBLIC_URL, clicks: 10 }).catch((e) => e);
      expect(again).toBeInstanceOf(AppError);
      expect(again.code).toBe('conflict');
      expect(again.message).toMatch(
        /^the demo loads into an empty installation only, and this one has 2 brands/,
      );
      expect(await rowCounts(t.db)).toEqual(before);
    } finally {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs as `npm run cli -- demo`, printing the portal users, and refuses a non-empty installation', {
    timeout: 240_000,
  }, async () => {
    const dir = tempDir();
    try {
      const first = runNode('src/cli.ts', ['demo', '--clicks', '300'], { DATA_DIR: dir, PUBLIC_URL });
      expect(await first.exited(), first.output()).toBe(0);
      expect(first.output()).toMatch(
        /loaded 2 brands, 6 destination links, 12 banners, 8 affiliates, \d+ campaigns, \d+ promos and \d+ clicks/,
      );
      expect(first.output()).toContain('astrid@nordicbonus.example');
      const second = runNode('src/cli.ts', ['demo'], { DATA_DIR: dir, PUBLIC_URL });
      expect(await second.exited()).toBe(1);
      expect(second.output()).toMatch(
        /demo loads into an empty installation only, and this one has 2 brands/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
