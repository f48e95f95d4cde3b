/**
 * The ledger itself: the database refuses unbalanced entries and any change to entries and
 * postings; postEntry answers a replay with the same entry and never lets an affiliate balance go
 * below zero; the operator's fund, charge, correction and conversion through the API.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { postEntry } from '../../src/core/ledger/post-entry.ts';
import type { IdentityTestApp } from '../identity/helpers.ts';
import {
  balanceOf,
  checkInvariantsAfterEach,
  fund,
  ledgerApp,
  ledgerSnapshot,
  orderId,
  type Wallet,
  walletPartner,
} from './helpers.ts';

let t: IdentityTestApp;
let a: Wallet;
beforeAll(async () => {
  t = await ledgerApp();
  a = await walletPartner(t, 'ledgera');
}, 300_000);
afterAll(() => t.close());
checkInvariantsAfterEach(() => t);

const op = (path: string, payload: object, key = t.admin, headers: Record<string, string> = {}) =>
  t.call(key, { method: 'POST', url: `/api/v1/affiliates/${a.affiliateId}/${path}`, payload, headers });

describe('the database', () => {
  async function accounts() {
    await postEntry({
      db: t.db,
      actor: SYSTEM,
      cause: 'fund',
      reference: `seed:${orderId()}`,
      affiliateId: a.affiliateId,
      postings: [
        { account: { kind: 'available', affiliateId: a.affiliateId, currency: 'EUR' }, amount: 100n },
        { account: { kind: 'operator_funds', currency: 'EUR' }, amount: -100n },
      ],
    });
    const rows = await t.db
      .selectFrom('ledger_accounts')
      .select(['id', 'kind'])
      .where('currency', '=', 'EUR')
      .where((eb) => eb.or([eb('affiliate_id', '=', a.affiliateId), eb('kind', '=', 'operator_funds')]))
      .execute();
    return {
      available: rows.find((r) => r.kind === 'available')!.id,
      operator: rows.find((r) => r.kind === 'operator_funds')!.id,
    };
  }

  /** Writes an entry with these postings in one transaction, straight in SQL. */
  async function rawEntry(postings: [number, number][]) {
    return t.db.transaction().execute(async (trx) => {
      const e = await trx
        .insertInto('ledger_entries')
        .values({ cause: 'correction', reference: `raw:${orderId()}`, actor_type: 'system' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [account_id, amount] of postings) {
        await trx
          .insertInto('ledger_postings')
          .values({ entry_id: e.id, account_id, currency: 'EUR', amount, balance_after: 0 })
          .execute();
      }
    });
  }

  it('refuses at commit an entry whose postings do not sum to zero, or that has fewer than two', async () => {
    const acc = await accounts();
    const before = await ledgerSnapshot(t.db);
    await expect(
      rawEntry([
        [acc.available, 100],
        [acc.operator, -99],
      ]),
    ).rejects.toThrow(/does not balance: EUR 1/);
    await expect(rawEntry([[acc.available, 100]])).rejects.toThrow(/has 1 posting/);
    await expect(rawEntry([])).rejects.toThrow(/has 0 posting/);
    expect(await ledgerSnapshot(t.db)).toBe(before);
    // Balanced in two statements is fine: the check is deferred to the commit.
    await rawEntry([
      [acc.available, 5],
      [acc.operator, -5],
    ]);
    const count = await t.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
    // The raw entry bypassed the projection: put it right with its correcting twin for the invariants.
    await rawEntry([
      [acc.available, -5],
      [acc.operator, 5],
    ]);
  });

  it('refuses any update or delete of entries and postings', async () => {
    await accounts();
    const before = await ledgerSnapshot(t.db);
    await expect(sql`update ledger_postings set amount = amount * 2`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_postings`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_entries set memo = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update ledger_accounts set balance = -1 where kind = 'available'`.execute(t.db),
    ).rejects.toThrow(/check/);
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });
});

describe('postEntry', () => {
  const posting = (amount: bigint) => [
    { account: { kind: 'available' as const, affiliateId: a.affiliateId, currency: 'USD' }, amount },
    { account: { kind: 'corrections' as const, currency: 'USD' }, amount: -amount },
  ];

  it('answers the same reference with the entry already written, and another request with a 409', async () => {
    const reference = `test:${orderId()}`;
    const first = await postEntry({
      db: t.db,
      actor: SYSTEM,
      cause: 'correction',
      reference,
      requestHash: 'h1',
      affiliateId: a.affiliateId,
      postings: posting(700n),
    });
    const again = await postEntry({
      db: t.db,
      actor: SYSTEM,
      cause: 'correction',
      reference,
      requestHash: 'h1',
      affiliateId: a.affiliateId,
      postings: posting(700n),
    });
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ entry: first.entry, replayed: true });
    await expect(
      postEntry({
        db: t.db,
        actor: SYSTEM,
        cause: 'correction',
        reference,
        requestHash: 'h2',
        affiliateId: a.affiliateId,
        postings: posting(1n),
      }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
    const written = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('reference', '=', reference)
      .execute();
    expect(written).toHaveLength(1);
    expect(first.entry.postings.map((p) => [p.account.kind, p.amount])).toEqual([
      ['available', 700n],
      ['corrections', -700n],
    ]);
  });

  it('refuses a debit the affiliate balance does not cover, with nothing written', async () => {
    const usd = (await balanceOf(t, a.affiliateId, 'USD'))?.available ?? 0;
    const before = await ledgerSnapshot(t.db);
    await expect(
      postEntry({
        db: t.db,
        actor: SYSTEM,
        cause: 'correction',
        reference: `test:${orderId()}`,
        affiliateId: a.affiliateId,
        postings: posting(-BigInt(usd + 1)),
      }),
    ).rejects.toMatchObject({ code: 'insufficient_funds', status: 409 });
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });
});

describe('operator money operations', () => {
  it('funds, charges and corrects the available balance, each once per order_id', async () => {
    const start = (await balanceOf(t, a.affiliateId, 'GBP'))?.available ?? 0;
    expect(start).toBe(0);
    const body = { amount: 50_00, currency: 'GBP', description: 'Launch bonus', order_id: orderId('f') };
    const funded = await op('funds', body);
    expect(funded.statusCode, funded.body).toBe(201);
    const replay = await op('funds', body);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(funded.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // 0 + 5000 (the replay adds nothing) = 5000
    expect((await balanceOf(t, a.affiliateId, 'GBP')).available).toBe(5000);

    const charged = await op('charges', {
      amount: 12_34,
      currency: 'GBP',
      description: 'Chargeback fee',
      order_id: orderId('c'),
    });
    expect(charged.statusCode, charged.body).toBe(201);
    // 5000 - 1234 = 3766
    expect((await balanceOf(t, a.affiliateId, 'GBP')).available).toBe(3766);

    const minus = await op('corrections', {
      amount: -766,
      currency: 'GBP',
      reason: 'Duplicate FTD removed',
      order_id: orderId('k'),
    });
    expect(minus.statusCode, minus.body).toBe(201);
    const plus = await op('corrections', { amount: 1_00, currency: 'GBP', reason: 'Goodwill' }, t.admin, {
      'idempotency-key': orderId('k'),
    });
    expect(plus.statusCode, plus.body).toBe(201);
    // 3766 - 766 + 100 = 3100; commissions 0; adjustments 5000 - 1234 - 766 + 100 = 3100
    expect(await balanceOf(t, a.affiliateId, 'GBP')).toMatchObject({
      available: 3100,
      reserved: 0,
      on_hold: 0,
      total: 3100,
      commissions: 0,
      adjustments: 3100,
      payments: 0,
    });
    expect(minus.json()).toMatchObject({
      cause: 'correction',
      memo: 'Duplicate FTD removed',
      affiliate_id: a.affiliateId,
    });

    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['type', 'data'])
      .where('affiliate_id', '=', a.affiliateId)
      .where('type', 'like', 'balance_%')
      .orderBy('id')
      .execute();
    const gbp = events.filter((e) => (e.data as { currency: string }).currency === 'GBP');
    expect(gbp.map((e) => e.type)).toEqual([
      'balance_funded',
      'balance_charged',
      'balance_correction_made',
      'balance_correction_made',
    ]);
    expect(gbp[2]!.data).toMatchObject({ amount: '-766', memo: 'Duplicate FTD removed' });
  });

  it('refuses the same order_id with another body (409), a charge past the balance (409), and changes nothing', async () => {
    await fund(t, a.affiliateId, 1000, 'CHF');
    const order = orderId('dup');
    expect(
      (await op('funds', { amount: 10_00, currency: 'CHF', description: 'First', order_id: order }))
        .statusCode,
    ).toBe(201);
    const before = await ledgerSnapshot(t.db);
    const other = await op('funds', {
      amount: 20_00,
      currency: 'CHF',
      description: 'First',
      order_id: order,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('idempotency_conflict');
    const sameKeyOtherKind = await op('charges', {
      amount: 10_00,
      currency: 'CHF',
      description: 'First',
      order_id: order,
    });
    expect(sameKeyOtherKind.json().error.code).toBe('idempotency_conflict');
    // 1000 + 1000 = 2000 available; a charge of 2001 is refused
    const tooMuch = await op('charges', {
      amount: 2001,
      currency: 'CHF',
      description: 'Too much',
      order_id: orderId(),
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { balance: 2000, requested: 2001 },
    });
    const tooNegative = await op('corrections', {
      amount: -2001,
      currency: 'CHF',
      reason: 'Too much',
      order_id: orderId(),
    });
    expect(tooNegative.json().error.code).toBe('insufficient_funds');
    expect(await ledgerSnapshot(t.db)).toBe(before);
    expect((await balanceOf(t, a.affiliateId, 'CHF')).available).toBe(2000);
  });

  it('lists every problem of a bad request in one 422, and changes nothing', async () => {
    const before = await ledgerSnapshot(t.db);
    const res = await op('funds', { amount: 0, currency: 'XXQ', description: 'x' });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['amount', 'currency', 'description', 'order_id']);
    const correction = await op('corrections', {
      amount: 0,
      currency: 'EUR',
      reason: ' ',
      order_id: orderId(),
    });
    expect(
      correction
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['amount', 'reason']);
    const missing = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates/2147483647/funds',
      payload: { amount: 1, currency: 'EUR', description: 'Nobody', order_id: orderId() },
    });
    expect(missing.statusCode).toBe(404);
    expect(await ledgerSnapshot(t.db)).toBe(before);
  });

  it('needs the finance scope to move money; read keys see balances', async () => {
    const writer = await t.apiKey(['write']);
    const reader = await t.apiKey(['read']);
    const finance = await t.apiKey(['finance']);
    const before = await ledgerSnapshot(t.db);
    const body = { amount: 100, currency: 'EUR', description: 'Scope test', order_id: orderId() };
    for (const key of [writer, reader]) {
      for (const path of ['funds', 'charges', 'corrections', 'conversions']) {
        const res = await op(path, body, key);
        expect(res.statusCode, `${path}: ${res.body}`).toBe(403);
      }
    }
    expect(await ledgerSnapshot(t.db)).toBe(before);
    expect((await t.call(reader, { url: `/api/v1/affiliates/${a.affiliateId}/balances` })).statusCode).toBe(
      200,
    );
    expect((await op('funds', body, finance)).statusCode).toBe(201);
  });

  it("converts between two of the affiliate's balances at the given rate and records it", async () => {
    await fund(t, a.affiliateId, 100_00, 'SEK');
    const res = await op('conversions', {
      from_currency: 'SEK',
      to_currency: 'JPY',
      amount: 12_34,
      rate: '14.25',
      order_id: orderId('fx'),
    });
    expect(res.statusCode, res.body).toBe(201);
    // 1234 öre = 12.34 SEK × 14.25 = 175.845 JPY -> 176 yen (JPY has no decimals, half-even)
    expect(res.json()).toMatchObject({ cause: 'fx', fx_rate: '14.25' });
    expect(
      res
        .json()
        .postings.map((p: { account: { kind: string }; currency: string; amount: number }) => [
          p.account.kind,
          p.currency,
          p.amount,
        ]),
    ).toEqual([
      ['available', 'SEK', -1234],
      ['fx', 'SEK', 1234],
      ['fx', 'JPY', -176],
      ['available', 'JPY', 176],
    ]);
    // 10000 - 1234 = 8766 SEK
    expect((await balanceOf(t, a.affiliateId, 'SEK')).available).toBe(8766);
    expect((await balanceOf(t, a.affiliateId, 'JPY')).available).toBe(176);
    const tooMuch = await op('conversions', {
      from_currency: 'SEK',
      to_currency: 'JPY',
      amount: 8767,
      rate: '14.25',
      order_id: orderId('fx'),
    });
    expect(tooMuch.json().error.code).toBe('insufficient_funds');
  });
});
