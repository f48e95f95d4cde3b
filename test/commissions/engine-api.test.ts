import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ago,
  brandWithPlan,
  DAY,
  type EngineTest,
  engineApp,
  event,
  ok,
  send,
  uid,
} from './engine-helpers.ts';

let e: EngineTest;
beforeAll(async () => {
  e = await engineApp();
}, 300_000);
afterAll(() => e.t.close());

/** What a refusal must leave as it was: every commission and status change. */
async function state(brandId: number) {
  const commissions = await e.t.db
    .selectFrom('commissions')
    .selectAll()
    .where('brand_id', '=', brandId)
    .orderBy('id')
    .execute();
  const changes = commissions.length
    ? await e.t.db
        .selectFrom('commission_status_changes')
        .selectAll()
        .where(
          'commission_id',
          'in',
          commissions.map((c) => c.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return { commissions, changes };
}

describe('customers held by a fraud rule', () => {
  it('hold their commissions until the operator releases or rejects them', async () => {
    // CPL 5.00 + CPA 30.00 on a first deposit of 10.00; only DE customers are allowed, others held.
    const s = await brandWithPlan(e, {
      cpl: { amount: 500 },
      cpa: { amount: 3000, hold_days: 10, qualification: { min_first_deposit: 1000 } },
    });
    await e.t.db
      .insertInto('fraud_rules')
      .values({
        brand_id: s.brand.id,
        rule: 'country_not_allowed',
        mode: 'hold',
        params: JSON.stringify({ countries: ['DE'] }),
      })
      .execute();
    const p = uid('p');
    const [reg] = await send(e, [
      event(s.brand.id, p, 'registration', ago(20 * DAY), { affiliate_id: s.affiliateId, country: 'FR' }),
      event(s.brand.id, p, 'deposit', ago(19 * DAY), { amount: 1000 }),
    ]);
    const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&status=on_hold`));
    expect(list.paging.total).toBe(2);
    expect(list.data.map((c: { kind: string; amount: number }) => [c.kind, c.amount])).toEqual([
      ['cpa', 3000],
      ['cpl', 500],
    ]);
    const [cpa, cpl] = list.data as { id: number; customer_ref: number }[];
    expect(cpa?.customer_ref).toBe(reg?.customer_ref);

    // Refusals: a reject without a reason (422), a release of what is not held (409): nothing changes.
    const before = await state(s.brand.id);
    const noReason = await e.api('POST', `/commissions/${cpl?.id}/reject`, { reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.fields[0].path).toBe('reason');
    expect(await state(s.brand.id)).toEqual(before);

    // Released: its hold period (19 days ago + 10) has ended, so it is approved.
    const released = await ok(
      await e.api('POST', `/commissions/${cpa?.id}/release`, { reason: 'checked the player' }),
    );
    expect(released).toMatchObject({ status: 'approved' });
    expect(released.status_changes).toEqual([
      expect.objectContaining({
        from_status: 'on_hold',
        to_status: 'approved',
        reason: 'checked the player',
      }),
    ]);
    const again = await state(s.brand.id);
    const twice = await e.api('POST', `/commissions/${cpa?.id}/release`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('the commission is approved');
    expect(await state(s.brand.id)).toEqual(again);

    const rejected = await ok(
      await e.api('POST', `/commissions/${cpl?.id}/reject`, { reason: 'bonus abuse' }),
    );
    expect(rejected.status).toBe('rejected');
    const afterReject = await state(s.brand.id);
    expect((await e.api('POST', `/commissions/${cpl?.id}/approve`, {})).statusCode).toBe(409);
    expect(await state(s.brand.id)).toEqual(afterReject);

    const read = await ok(await e.api('GET', `/commissions/${cpl?.id}`));
    expect(read).toMatchObject({ kind: 'cpl', status: 'rejected', trace: { rule: 'cpl' } });
    expect(
      read.status_changes.map((c: { to_status: string; actor: { type: string } }) => [
        c.to_status,
        c.actor.type,
      ]),
    ).toEqual([['rejected', 'api_key']]);
    expect((await e.api('GET', '/commissions/2147483647')).statusCode).toBe(404);
  });

  it('a customer held after its commissions were approved puts them on hold with it', async () => {
    // CPL 5.00 + CPA 30.00 on a first deposit of 10.00, no hold period: both approved at once.
    const s = await brandWithPlan(e, {
      cpl: { amount: 500 },
      cpa: { amount: 3000, qualification: { min_first_deposit: 1000 } },
    });
    await e.t.db
      .insertInto('fraud_rules')
      .values({
        brand_id: s.brand.id,
        rule: 'country_not_allowed',
        mode: 'hold',
        params: JSON.stringify({ countries: ['DE'] }),
      })
      .execute();
    const p = uid('p');
    await send(e, [
      event(s.brand.id, p, 'registration', ago(20 * DAY), { affiliate_id: s.affiliateId, country: 'DE' }),
      event(s.brand.id, p, 'deposit', ago(19 * DAY), { amount: 1000 }),
    ]);
    const approved = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&status=approved`));
    expect(approved.paging.total).toBe(2);

    // A later deposit from FR trips the rule: the customer is held, and so is what it earned.
    await send(e, [event(s.brand.id, p, 'deposit', ago(DAY), { amount: 2000, country: 'FR' })]);
    const held = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&status=on_hold`));
    expect(held.data.map((c: { kind: string; amount: number }) => [c.kind, c.amount])).toEqual([
      ['cpa', 3000],
      ['cpl', 500],
    ]);
    const cpa = await ok(await e.api('GET', `/commissions/${held.data[0].id}`));
    expect(cpa.status_changes).toEqual([
      expect.objectContaining({
        from_status: 'approved',
        to_status: 'on_hold',
        reason: 'customer held by fraud rule country_not_allowed',
      }),
    ]);
    // Nothing is approved any more, and the operator releases it as any held commission.
    expect(
      (await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&status=approved`))).paging.total,
    ).toBe(0);
    const released = await ok(await e.api('POST', `/commissions/${cpa.id}/release`, { reason: 'checked' }));
    expect(released.status).toBe('approved');
  });

  it('a pending commission is approved early by the operator; derived rows follow', async () => {
    const s = await brandWithPlan(e, {
      cpa: { amount: 3000, hold_days: 30, qualification: { min_first_deposit: 1000 } },
      sub_affiliate: { levels: [{ cpa_fee: 500 }] },
    });
    const referrer = await e.t.db
      .insertInto('affiliates')
      .values({ name: uid('Referrer'), status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await e.t.db
      .updateTable('affiliates')
      .set({ referrer_id: referrer.id })
      .where('id', '=', s.affiliateId)
      .execute();
    await send(e, [
      event(s.brand.id, uid('p'), 'deposit', ago(DAY), { amount: 1000, affiliate_id: s.affiliateId }),
    ]);
    const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&kind=cpa`));
    expect(list.data).toHaveLength(1);
    expect(list.data[0].status).toBe('pending');
    await ok(await e.api('POST', `/commissions/${list.data[0].id}/approve`, {}));
    const cut = await ok(await e.api('GET', `/commissions?affiliate_id=${referrer.id}`));
    expect(
      cut.data.map((c: { kind: string; status: string; amount: number }) => [c.kind, c.status, c.amount]),
    ).toEqual([['sub_cpa', 'approved', 500]]);
    expect(cut.data[0].source_commission_id).toBe(list.data[0].id);
  });
});

describe('an operator attributing an unattributed customer', () => {
  it('earns its affiliate what the customer’s events would have earned, once', async () => {
    // CPL 1.00 + CPA 20.00 on deposits of 10.00.
    const s = await brandWithPlan(e, {
      cpl: { amount: 100 },
      cpa: { amount: 2000, qualification: { min_deposit_total: 1000 } },
    });
    const p = uid('p');
    const [reg] = await send(e, [
      event(s.brand.id, p, 'registration', ago(3 * DAY)),
      event(s.brand.id, p, 'deposit', ago(2 * DAY), { amount: 1000 }),
    ]);
    expect((await state(s.brand.id)).commissions).toEqual([]);
    await ok(
      await e.api('POST', `/customers/${reg?.customer_ref}/attribution`, {
        affiliate_id: s.affiliateId,
        reason: 'late tag',
      }),
    );
    const rows = (await state(s.brand.id)).commissions;
    expect(rows.map((r) => [r.kind, Number(r.amount), r.affiliate_id])).toEqual([
      ['cpl', 100, s.affiliateId],
      ['cpa', 2000, s.affiliateId],
    ]);
  });
});

describe('filters and paging', () => {
  it('filters by affiliate, kind, customer and dates and pages newest first', async () => {
    const s = await brandWithPlan(e, { cpl: { amount: 100 } });
    const items = [0, 1, 2].map((i) =>
      event(s.brand.id, uid('p'), 'registration', ago((10 - i) * DAY), { affiliate_id: s.affiliateId }),
    );
    const sent = await send(e, items);
    const page = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&page_size=2`));
    expect(page.paging).toEqual({ page: 1, page_size: 2, total: 3 });
    expect(page.data).toHaveLength(2);
    const dated = await ok(
      await e.api(
        'GET',
        `/commissions?affiliate_id=${s.affiliateId}&from=${ago(9.5 * DAY).toISOString()}&to=${ago(8.5 * DAY).toISOString()}`,
      ),
    );
    expect(dated.data.map((c: { customer_ref: number }) => c.customer_ref)).toEqual([sent[1]?.customer_ref]);
    const byCustomer = await ok(await e.api('GET', `/commissions?customer_ref=${sent[2]?.customer_ref}`));
    expect(byCustomer.data).toHaveLength(1);
    expect((await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&kind=cpa`))).data).toEqual([]);
    const bad = await e.api('GET', '/commissions?kind=bonus&status=lost');
    expect(bad.statusCode).toBe(422);
  });
});

describe('append-only', () => {
  it('the database refuses to change a commission (but its status) or remove it, and any status change', async () => {
    const s = await brandWithPlan(e, { cpl: { amount: 100 } });
    await send(e, [event(s.brand.id, uid('p'), 'registration', ago(DAY), { affiliate_id: s.affiliateId })]);
    const [row] = (await state(s.brand.id)).commissions;
    const id = row?.id as bigint;
    await expect(sql`update commissions set amount = 1 where id = ${id}`.execute(e.t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update commissions set affiliate_id = affiliate_id where id = ${id} and false`.execute(e.t.db),
    ).resolves.toBeDefined();
    await expect(sql`delete from commissions where id = ${id}`.execute(e.t.db)).rejects.toThrow(
      /append-only/,
    );
    await ok(await e.api('POST', `/commissions/${id}/reject`, { reason: 'test' }));
    await expect(
      sql`update commission_status_changes set reason = 'x' where commission_id = ${id}`.execute(e.t.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from commission_status_changes where commission_id = ${id}`.execute(e.t.db),
    ).rejects.toThrow(/append-only/);
    const after = (await state(s.brand.id)).commissions[0];
    expect({ ...after, status: row?.status }).toEqual(row);
  });
});
