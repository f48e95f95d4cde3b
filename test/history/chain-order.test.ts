/**
 * The chainer and the hashing, beside the write path: a record of a transaction still open is
 * linked only after it ends (never skipped, never twice), concurrent batches of one affiliate
 * make one unbroken chain, and the platform's canonical JSON is the verifier's, byte for byte.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyHash, canonicalJson, linkHash } from '../../src/core/history/chain-hash.ts';
import { chainPendingRecords } from '../../src/core/history/chain-pending-records.ts';
import { checkHistory } from '../../src/core/history/check-history.ts';
import { checkpointPayload } from '../../src/core/history/seal-checkpoints.ts';
import * as verifier from '../../verifier/affluent-verify.mjs';
import { post, seedBrand, uid } from '../events/helpers.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let events: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const registration = (brandId: number, affiliateId: number) => ({
  type: 'registration',
  event_id: uid('r'),
  brand_id: brandId,
  customer_id: uid('p'),
  affiliate_id: affiliateId,
  occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
});

const linksOf = async (affiliateId: number) =>
  (
    await sql<{ seq: string; kind: string; ref_id: string }>`
      select seq::text, kind, ref_id::text from chain_links where affiliate_id = ${affiliateId}
      order by chain_links.seq`.execute(t.db)
  ).rows;

describe('canonical JSON and hashes', () => {
  it('are the same in the platform and in the standalone verifier', async () => {
    const value = {
      z: [1, 'two', null, { b: true, a: -0.5 }],
      a: 'é "quoted" \u2028',
      m: { '10': 1, '9': 2, B: 3, a: 4 },
      n: 1234567890123,
    };
    // Keys sorted by code unit, at every depth; no spaces.
    expect(canonicalJson(value)).toBe(
      '{"a":"é \\"quoted\\" \u2028","m":{"10":1,"9":2,"B":3,"a":4},"n":1234567890123,"z":[1,"two",null,{"a":-0.5,"b":true}]}',
    );
    expect(verifier.canonicalJson(value)).toBe(canonicalJson(value));
    expect(await verifier.bodyHash('event', '7', value)).toBe(bodyHash('event', '7', value));
    const checkpoint = {
      affiliate_id: 4,
      seq: 9,
      hash: 'a'.repeat(64),
      sealed_at: '2026-12-02T00:15:00Z',
      key_id: 'k1',
    };
    expect(verifier.checkpointPayload(checkpoint)).toBe(checkpointPayload(checkpoint));
    const body = bodyHash('event', 7, value);
    expect(await verifier.linkHash(3, 12, 'f'.repeat(64), body)).toBe(linkHash(3, 12, 'f'.repeat(64), body));
  });
});

describe('the chainer', () => {
  it('links each event of the affiliate once, in one unbroken chain', async () => {
    const s = await seedBrand(t, admin);
    for (let i = 0; i < 3; i++) {
      const res = await post(t, events, registration(s.brand.id, s.affiliateId));
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    await chainPendingRecords({ db: t.db });
    await chainPendingRecords({ db: t.db });
    const links = await linksOf(s.affiliateId);
    expect(links.filter((l) => l.kind === 'event')).toHaveLength(3);
    expect(links.map((l) => Number(l.seq))).toEqual(links.map((_, i) => i + 1));
    expect(new Set(links.map((l) => `${l.kind}:${l.ref_id}`)).size).toBe(links.length);
    expect((await checkHistory({ db: t.db, affiliateId: s.affiliateId })).problems).toEqual([]);
  });
});

describe.runIf(TEST_DB_KIND === 'postgres')('the chainer beside open transactions', () => {
  it('links a record of a transaction still open only after it commits, after what came meanwhile', async () => {
    const s = await seedBrand(t, admin);
    const first = await post(t, events, registration(s.brand.id, s.affiliateId));
    expect(first.statusCode).toBeLessThan(300);
    // A reference with no source row behind it: linked as gone, which is enough to show the order.
    const refId = '999999999';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted!: () => void;
    const started = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // A writer that has appended its record and not yet committed.
    const open = t.db.transaction().execute(async (trx) => {
      await sql`insert into chain_queue (affiliate_id, kind, ref_id) values (${s.affiliateId}, 'commission_status', ${refId})`.execute(
        trx,
      );
      inserted();
      await gate;
    });
    await started;
    let before: Awaited<ReturnType<typeof linksOf>>;
    try {
      await post(t, events, registration(s.brand.id, s.affiliateId));
      await chainPendingRecords({ db: t.db });
      before = await linksOf(s.affiliateId);
      // Its own two events are linked; the open transaction's record waits.
      expect(before.filter((l) => l.kind === 'event')).toHaveLength(2);
      expect(before.map((l) => l.ref_id)).not.toContain(refId);
    } finally {
      release();
      await open;
    }
    await chainPendingRecords({ db: t.db });
    const after = await linksOf(s.affiliateId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      seq: String(before.length + 1),
      kind: 'commission_status',
      ref_id: refId,
    });
    expect((await checkHistory({ db: t.db, affiliateId: s.affiliateId })).problems).toEqual([]);
  });

  it('makes one chain of concurrent batches for one affiliate', async () => {
    const s = await seedBrand(t, admin);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        post(t, events, {
          events: Array.from({ length: 20 }, () => registration(s.brand.id, s.affiliateId)),
        }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    await Promise.all([chainPendingRecords({ db: t.db }), chainPendingRecords({ db: t.db })]);
    await chainPendingRecords({ db: t.db });
    const links = await linksOf(s.affiliateId);
    // 6 batches × 20 registrations = 120 events, each once.
    expect(links.filter((l) => l.kind === 'event')).toHaveLength(120);
    expect(links.map((l) => Number(l.seq))).toEqual(links.map((_, i) => i + 1));
    expect((await checkHistory({ db: t.db, affiliateId: s.affiliateId })).problems).toEqual([]);
  });
});
