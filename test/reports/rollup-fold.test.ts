/**
 * The rollups' pending sums and their fold (migration 0052): writes only append to the pending
 * tables, the fold moves them into the folded rows, and a report answers the same before and
 * after a fold, late events included.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldRollups } from '../../src/core/reports/rollups/fold-rollups.ts';
import {
  type BothSourcesTest,
  bothSourcesApp,
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

let e: BothSourcesTest;
// Every report() here runs on PostgreSQL and on ClickHouse (late events and a rejection copied
// after the first answers), and both must answer alike.
beforeAll(async () => {
  e = await bothSourcesApp();
}, 300_000);
afterAll(() => e.close());

const TABLES = [
  'click_hours',
  'click_days',
  'event_hours',
  'event_days',
  'commission_hours',
  'commission_days',
];

/** Rows of the affiliate in each pending and folded table. */
async function rowCounts(affiliateId: number) {
  const counts: Record<string, number> = {};
  for (const t of TABLES)
    for (const part of ['pending', 'folded']) {
      const { rows } = await sql<{
        n: string;
      }>`select count(*)::text as n from ${sql.table(`report_${t}_${part}`)}
        where affiliate_id = ${affiliateId}`.execute(e.t.db);
      counts[`${t}_${part}`] = Number(rows[0]!.n);
    }
  return counts;
}

describe('rollup fold', () => {
  it('moves pending sums into the folded rows; reports answer the same before and after', async () => {
    const s = await reportBrand(e);
    const d0 = dayAgo(3);
    await clicks(e, s.promo, new Date(d0.getTime() + 9 * HOUR), 3);
    const [a, b] = [uid('fa'), uid('fb')];
    const aff = { affiliate_id: s.affiliateId };
    // Two batches, as two callers would send them: each appends its own pending rows.
    await send(e, [
      event(s.brand.id, a, 'registration', new Date(d0.getTime() + 10 * HOUR), aff),
      event(s.brand.id, a, 'deposit', new Date(d0.getTime() + 11 * HOUR), { amount: 1000 }),
    ]);
    await send(e, [event(s.brand.id, b, 'registration', new Date(d0.getTime() + 10 * HOUR), aff)]);
    const query = {
      from: isoDay(d0),
      to: isoDay(new Date(d0.getTime() + DAY)),
      group_by: ['day'],
      filters: { brand: [s.brand.id] },
      columns: [
        'clicks',
        'registrations',
        'ftd_amount',
        'cpl_commission',
        'cpa_commission',
        'total_commission',
      ],
    };
    const before = await report(e, query);
    // 3 clicks; registrations a and b; a's FTD of 10.00; CPL 2 × 500 = 1000, CPA 3000, total 4000.
    expect(before.rows).toEqual([
      {
        day: d0.toISOString(),
        currency: 'EUR',
        clicks: 3,
        registrations: 2,
        ftd_amount: 1000,
        cpl_commission: 1000,
        cpa_commission: 3000,
        total_commission: 4000,
      },
    ]);
    const pending = await rowCounts(s.affiliateId);
    // Batch one: registrations (no currency) and the EUR deposit; batch two: a registration.
    expect(pending.event_days_pending).toBe(3);
    expect(pending.event_days_folded).toBe(0);

    await foldRollups({ db: e.t.db });
    const folded = await rowCounts(s.affiliateId);
    for (const t of TABLES) expect(folded[`${t}_pending`], t).toBe(0);
    // One folded row per key: the two batches' registrations of the day are one row now.
    expect(folded.event_days_folded).toBe(2);
    expect(folded.click_days_folded).toBe(1);
    expect(await report(e, query)).toEqual(before);

    // A late deposit after the fold: pending again, added to the folded row by the report.
    await send(e, [event(s.brand.id, b, 'deposit', new Date(d0.getTime() + 15 * HOUR), { amount: 2000 })]);
    const late = await report(e, query);
    // b's FTD of 20.00 qualifies a second CPA: ftd 1000 + 2000 = 3000, CPA 2 × 3000 = 6000, total 7000.
    expect(late.rows[0]).toMatchObject({ ftd_amount: 3000, cpa_commission: 6000, total_commission: 7000 });
    await foldRollups({ db: e.t.db });
    expect(await report(e, query)).toEqual(late);
    // A fold with nothing pending changes nothing.
    await foldRollups({ db: e.t.db });
    expect(await report(e, query)).toEqual(late);

    // Status changes that move no sum (an approval) add no pending row; a rejection does.
    const commissions = await e.t.db
      .selectFrom('commissions')
      .select(['id', 'kind', 'status'])
      .where('affiliate_id', '=', s.affiliateId)
      .orderBy('id')
      .execute();
    // This plan has no hold period: every commission is approved already. Billing one is the
    // change a bill's approval makes (approved → billed), thousands of rows at once.
    expect(commissions.map((c) => c.status)).toEqual(commissions.map(() => 'approved'));
    const cpa = commissions.find((c) => c.kind === 'cpa')!;
    await sql`update commissions set status = 'billed' where id = ${cpa.id}`.execute(e.t.db);
    expect((await rowCounts(s.affiliateId)).commission_days_pending).toBe(0);
    const cpl = commissions.find((c) => c.kind === 'cpl')!;
    const rejected = await e.api('POST', `/commissions/${cpl.id}/reject`, { reason: 'test' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await rowCounts(s.affiliateId)).commission_days_pending).toBe(1);
    // 7000 − one CPL of 500 = 6500.
    expect((await report(e, query)).rows[0]).toMatchObject({ cpl_commission: 500, total_commission: 6500 });
    // Seven reports, each copied and asked of both sources.
  }, 120_000);
});
