/**
 * postEntry at its edges (ledger.test.ts has the replay and the overdraft, the money routes the
 * rest): what an entry stores, two postings on one account, a debit to exactly zero, the
 * refusal's message and details, the programming errors, the days to recompute, and a replay
 * without a request hash. postEntry is called on a database of its own (no app: the mutation
 * run starts this file once per mutant); the affiliate is a bare row.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { SYSTEM } from '../../src/core/actor.ts';
import { type PostEntryOptions, postEntry } from '../../src/core/ledger/post-entry.ts';
import type { Database, Db } from '../../src/db/index.ts';
import { expectLedgerInvariants } from '../support/ledger-invariants.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { ledgerSnapshot, orderId } from './helpers.ts';

let database: Database;
let db: Db;
let affiliateId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  ({ id: affiliateId } = await db
    .insertInto('affiliates')
    .values({ name: 'Post Edges' } as never)
    .returning('id')
    .executeTakeFirstOrThrow());
}, 300_000);
afterAll(() => database.close());
afterEach(() => expectLedgerInvariants(db));

const available = (currency = 'GBP') => ({ kind: 'available' as const, affiliateId, currency });
const onHold = (currency = 'GBP') => ({ kind: 'on_hold' as const, affiliateId, currency });
const corrections = (currency = 'GBP') => ({ kind: 'corrections' as const, currency });
const post = (o: Partial<PostEntryOptions> & Pick<PostEntryOptions, 'postings'>) =>
  postEntry({
    db,
    actor: SYSTEM,
    cause: 'correction',
    reference: `edge:${orderId()}`,
    affiliateId,
    ...o,
  });

async function balance(account: { kind: string; currency: string }) {
  const row = await db
    .selectFrom('ledger_accounts')
    .select('balance')
    .where('kind', '=', account.kind as never)
    .where('affiliate_id', '=', affiliateId)
    .where('currency', '=', account.currency)
    .executeTakeFirst();
  return row?.balance ?? 0n;
}

describe('an entry', () => {
  it('stores what it was given, and the entry view answers it', async () => {
    const reference = `edge:${orderId()}`;
    const actor: Actor = { type: 'staff', id: null, name: 'n'.repeat(250) };
    const { entry, replayed } = await post({
      reference,
      actor,
      cause: 'fx',
      causeReference: 'fx:7',
      step: 'converted',
      memo: 'Converted for you',
      fxRate: '1.25',
      postings: [
        { account: available('CHF'), amount: 300n },
        { account: corrections('CHF'), amount: -300n },
      ],
    });
    expect(replayed).toBe(false);
    expect(entry).toMatchObject({
      cause: 'fx',
      cause_reference: 'fx:7',
      step: 'converted',
      affiliate_id: affiliateId,
      reference,
      memo: 'Converted for you',
      fx_rate: '1.25',
      // The name is cut to 200 characters.
      actor: { type: 'staff', id: null, name: 'n'.repeat(200) },
    });
    expect(entry.postings.map((p) => [p.account.kind, p.currency, p.amount, p.balance_after])).toEqual([
      ['available', 'CHF', 300n, 300n],
      ['corrections', 'CHF', -300n, -300n],
    ]);
    const row = await db
      .selectFrom('ledger_entries')
      .select(['request_hash', 'actor_name', 'created_at'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row.request_hash).toBeNull();
    expect(row.actor_name).toHaveLength(200);
    expect(Math.abs(row.created_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('leaves out what it was not given', async () => {
    const { entry } = await postEntry({
      db,
      actor: SYSTEM,
      cause: 'correction',
      reference: `edge:${orderId()}`,
      postings: [
        { account: available('SEK'), amount: 5n },
        { account: corrections('SEK'), amount: -5n },
      ],
    });
    expect(entry).toMatchObject({
      cause_reference: null,
      step: null,
      affiliate_id: null,
      memo: '',
      fx_rate: null,
      actor: { type: 'system', id: null, name: 'system' },
    });
  });

  it('runs two postings on one account in order, each with the balance after it', async () => {
    await post({
      postings: [
        { account: available('NOK'), amount: 100n },
        { account: corrections('NOK'), amount: -100n },
      ],
    });
    // 100 + 80 = 180, then 180 − 150 = 30; the operator side −80 + 150 ... from −100: −180, −30.
    const { entry } = await post({
      postings: [
        { account: available('NOK'), amount: 80n },
        { account: corrections('NOK'), amount: -80n },
        { account: available('NOK'), amount: -150n },
        { account: corrections('NOK'), amount: 150n },
      ],
    });
    expect(entry.postings.map((p) => [p.account.kind, p.amount, p.balance_after])).toEqual([
      ['available', 80n, 180n],
      ['corrections', -80n, -180n],
      ['available', -150n, 30n],
      ['corrections', 150n, -30n],
    ]);
    expect(await balance(available('NOK'))).toBe(30n);
  });

  it('may take an affiliate balance to exactly zero, and the operator side below zero', async () => {
    await post({
      postings: [
        { account: available('DKK'), amount: 250n },
        { account: corrections('DKK'), amount: -250n },
      ],
    });
    const { entry } = await post({
      postings: [
        { account: available('DKK'), amount: -250n },
        { account: corrections('DKK'), amount: 250n },
      ],
    });
    expect(entry.postings[0]?.balance_after).toBe(0n);
    expect(await balance(available('DKK'))).toBe(0n);
  });

  it('balances per currency: an exchange in one entry', async () => {
    await post({
      postings: [
        { account: available('PLN'), amount: 1000n },
        { account: corrections('PLN'), amount: -1000n },
      ],
    });
    // 1,000 PLN out, 230 CZK in, each currency balanced by the operator's account.
    const { entry } = await post({
      cause: 'fx',
      fxRate: '0.23',
      postings: [
        { account: available('PLN'), amount: -1000n },
        { account: corrections('PLN'), amount: 1000n },
        { account: available('CZK'), amount: 230n },
        { account: corrections('CZK'), amount: -230n },
      ],
    });
    expect(entry.postings.map((p) => [p.currency, p.balance_after])).toEqual([
      ['PLN', 0n],
      ['PLN', 0n],
      ['CZK', 230n],
      ['CZK', -230n],
    ]);
  });

  it('marks the day of each account it moved for the closing job', async () => {
    const { entry } = await post({
      postings: [
        { account: available('HUF'), amount: 9n },
        { account: corrections('HUF'), amount: -9n },
      ],
    });
    const days = await db
      .selectFrom('ledger_dirty_days')
      .select(['account_id', 'day'])
      .where(
        'account_id',
        'in',
        entry.postings.map((p) => p.account.id),
      )
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    expect(
      days.map((d) => [d.account_id, new Date(d.day as unknown as string).toISOString().slice(0, 10)]).sort(),
    ).toEqual(entry.postings.map((p) => [p.account.id, today]).sort());
    // A second entry the same day marks nothing twice and does not fail.
    await post({
      postings: [
        { account: available('HUF'), amount: 1n },
        { account: corrections('HUF'), amount: -1n },
      ],
    });
  });
});

describe('a refusal', () => {
  it('names the account, its balance and what was asked, with nothing written', async () => {
    await post({
      postings: [
        { account: onHold('RON'), amount: 40n },
        { account: corrections('RON'), amount: -40n },
      ],
    });
    const before = await ledgerSnapshot(db);
    // 40 on hold, +10 in the entry's first posting, then −60: 50 does not cover 60.
    const refused = post({
      postings: [
        { account: onHold('RON'), amount: 10n },
        { account: corrections('RON'), amount: -10n },
        { account: onHold('RON'), amount: -60n },
        { account: corrections('RON'), amount: 60n },
      ],
    });
    await expect(refused).rejects.toMatchObject({
      code: 'insufficient_funds',
      message: 'the on hold balance is 0.50 RON, which does not cover 0.60 RON',
      details: { account: 'on_hold', currency: 'RON', balance: 50, requested: 60 },
    });
    expect(await ledgerSnapshot(db)).toBe(before);
  });

  it('answers a replay with the same request hash', async () => {
    const reference = `edge:${orderId()}`;
    const postings = [
      { account: available('ISK'), amount: 11n },
      { account: corrections('ISK'), amount: -11n },
    ];
    const first = await post({ reference, requestHash: 'same', postings });
    expect(await post({ reference, requestHash: 'same', postings })).toEqual({
      entry: first.entry,
      replayed: true,
    });
    const row = await db
      .selectFrom('ledger_entries')
      .select('request_hash')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row.request_hash).toBe('same');
  });

  it('writes one entry for twins posted at the same time, the others answered with it', async () => {
    const reference = `edge:${orderId()}`;
    const postings = [
      { account: available('MXN'), amount: 13n },
      { account: corrections('MXN'), amount: -13n },
    ];
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => post({ reference, requestHash: 'twin', postings })),
    );
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true, true, true]);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    // 13, once.
    expect(await balance(available('MXN'))).toBe(13n);
  });

  it('answers a replay without a request hash, and refuses one that adds a hash', async () => {
    const reference = `edge:${orderId()}`;
    const postings = [
      { account: available('BGN'), amount: 7n },
      { account: corrections('BGN'), amount: -7n },
    ];
    const first = await post({ reference, postings });
    const again = await post({ reference, postings });
    expect(again).toEqual({ entry: first.entry, replayed: true });
    await expect(post({ reference, requestHash: 'h', postings })).rejects.toMatchObject({
      code: 'idempotency_conflict',
      message: 'this reference was already used for a different request',
      details: { reference, entry_id: first.entry.id },
    });
  });

  it('throws on postings that could never balance, before touching the database', async () => {
    const before = await ledgerSnapshot(db);
    await expect(post({ postings: [{ account: available(), amount: 1n }] })).rejects.toThrow(
      'a ledger entry needs at least two postings',
    );
    await expect(post({ postings: [] })).rejects.toThrow('a ledger entry needs at least two postings');
    await expect(
      post({
        postings: [
          { account: available(), amount: 0n },
          { account: corrections(), amount: 0n },
        ],
      }),
    ).rejects.toThrow('a posting moves a non-zero amount');
    await expect(
      post({
        postings: [
          { account: available(), amount: 5n },
          { account: corrections(), amount: -4n },
        ],
      }),
    ).rejects.toThrow('ledger postings do not balance in GBP: 1');
    // Balanced in GBP, not in EUR: named by the currency that is off.
    await expect(
      post({
        postings: [
          { account: available(), amount: 5n },
          { account: corrections(), amount: -5n },
          { account: available('EUR'), amount: 3n },
        ],
      }),
    ).rejects.toThrow('ledger postings do not balance in EUR: 3');
    expect(await ledgerSnapshot(db)).toBe(before);
  });
});
