/**
 * Verifiable history: an affiliate's records join its hash chain, checkpoints and statements are
 * signed, and the verifier (verifier/affluent-verify.mjs, the one affiliates run) accepts an
 * untouched history and names the first bad record of a tampered one. Amounts in cents of EUR.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, verifyChain, verifyStatement } from '../../verifier/affluent-verify.mjs';
import { main as verifyCli } from '../../verifier/verify-statement.mjs';
import { api, billingApp, billsOf, brandWith, CPA_PLAN, cpa, run } from '../billing/helpers.ts';
import { approvedPartner, type IdentityTestApp, type Partner } from '../identity/helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await billingApp();
}, 300_000);
afterAll(() => t.close());

const MARCH = { period_start: '2026-03-01', period_end: '2026-03-31' };

const keys = async () => {
  const res = await t.app.inject({ url: '/.well-known/affluent-history-keys.json' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().keys as { id: string; public_key: string; retired_at: string | null }[];
};

/** A partner with an approved March bill of two CPAs (3000 + 3000 = 6000) and a +500 correction after it. */
async function billedPartner(label: string): Promise<Partner & { billId: number }> {
  const p = await approvedPartner(t, label);
  const { brandId } = await brandWith(t, CPA_PLAN);
  await cpa(t, brandId, p.affiliateId, '2026-03-05');
  await cpa(t, brandId, p.affiliateId, '2026-03-20');
  await run(t, { ...MARCH, affiliate_ids: [p.affiliateId] });
  const [bill] = await billsOf(t, p.affiliateId);
  expect((await api(t, 'POST', `/bills/${bill!.id}/approve`)).statusCode).toBe(200);
  const corrected = await api(
    t,
    'POST',
    `/bills/${bill!.id}/corrections`,
    { action: 'add', amount: 500, comment: 'Late deposit' },
    { 'idempotency-key': `hist-${bill!.id}` },
  );
  expect(corrected.statusCode, corrected.body).toBe(201);
  return { ...p, billId: bill!.id };
}

const statementOf = async (p: Partner & { billId: number }) => {
  const res = await t.as(p.cookie, { url: `/api/partner/v1/bills/${p.billId}/statement` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Runs `change` with the append-only guards of `table` switched off, as someone with the database's keys could. */
async function behindTheBack(table: string, ...changes: string[]) {
  await sql.raw(`alter table ${table} disable trigger user`).execute(t.db);
  try {
    for (const change of changes) await sql.raw(change).execute(t.db);
  } finally {
    await sql.raw(`alter table ${table} enable trigger user`).execute(t.db);
  }
}

const check = async (affiliateId: number) => {
  const res = await api(t, 'GET', `/history/check?affiliate_id=${affiliateId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('verifiable history', () => {
  it('gives a bill a signed statement whose records add up to its totals, and the verifier accepts it', async () => {
    const p = await billedPartner('hist-ok');
    const statement = await statementOf(p);
    // Lines: 3000 + 3000 = 6000, all CPA; +500 after approval: 6000 + 500 = 6500 to pay.
    expect(statement.totals).toEqual({
      lines: 2,
      lines_amount: 6000,
      by_kind: { cpa: 6000 },
      corrections_added: 500,
      corrections_subtracted: 0,
      amount_to_pay: 6500,
    });
    expect(statement.affiliate_id).toBe(p.affiliateId);
    const full = statement.links.filter((l: { body?: unknown }) => l.body !== undefined);
    // The bill's changes (issued, approved), its 2 lines, 2 commissions with their status changes,
    // the correction, and 2 ledger entries (approval, correction).
    expect(new Set(full.map((l: { kind: string }) => l.kind))).toEqual(
      new Set([
        'bill_change',
        'bill_line',
        'commission',
        'commission_status',
        'bill_correction',
        'ledger_entry',
      ]),
    );
    expect(full.filter((l: { kind: string }) => l.kind === 'ledger_entry')).toHaveLength(2);
    expect(await verifyStatement(statement, await keys())).toEqual({ ok: true, problems: [] });

    // The command line, with the keys in a file, says the same; one edited byte and it does not.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-verify-'));
    try {
      fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify({ keys: await keys() }));
      fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify(statement));
      const lines: string[] = [];
      const args = [path.join(dir, 's.json'), '--keys', path.join(dir, 'keys.json')];
      expect(await verifyCli(args, (l) => lines.push(l))).toBe(0);
      expect(lines).toEqual(['verified']);
      const text = JSON.stringify(statement).replace('"amount":3000', '"amount":3001');
      fs.writeFileSync(path.join(dir, 's.json'), text);
      lines.length = 0;
      expect(await verifyCli(args, (l) => lines.push(l))).toBe(1);
      expect(lines[0]).toMatch(/^not verified: record \d+ \((bill_line|commission) \d+\) was changed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the first changed record, a dropped one, and a statement re-signed without the key', async () => {
    const p = await billedPartner('hist-tamper');
    const statement = await statementOf(p);
    const published = await keys();

    const edited = structuredClone(statement);
    const line = edited.links.find((l: { kind: string }) => l.kind === 'bill_line');
    line.body.amount += 100;
    const changed = await verifyStatement(edited, published);
    expect(changed.ok).toBe(false);
    expect(changed.problems[0]!.message).toBe(
      `record ${line.seq} (bill_line ${line.ref_id}) was changed: its content does not match its hash`,
    );

    const dropped = structuredClone(statement);
    const gone = dropped.links.splice(1, 1)[0];
    const droppedResult = await verifyStatement(dropped, published);
    expect(droppedResult.problems[0]!.message).toBe(
      `record ${gone.seq + 1} (${dropped.links[1].kind} ${dropped.links[1].ref_id}) is out of place: expected record ${gone.seq}`,
    );

    // A forger rewrites the totals and signs with a key of their own.
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = structuredClone(statement);
    forged.totals.amount_to_pay = 99_999;
    const { signature: _old, ...unsigned } = forged;
    forged.signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64url');
    const forgery = await verifyStatement(forged, published);
    expect(forgery.problems.map((x) => x.message)).toEqual([
      'total amount_to_pay is 99999; its records add up to 6500',
      `the statement's signature is not valid for key ${statement.key_id}`,
    ]);
  });

  it('refuses updates and deletes of recorded rows in the database itself', async () => {
    const p = await billedPartner('hist-refuse');
    await statementOf(p);
    for (const change of [
      `update chain_links set body_hash = 'x' where affiliate_id = ${p.affiliateId}`,
      `delete from chain_links where affiliate_id = ${p.affiliateId}`,
      `update chain_checkpoints set hash = 'x' where affiliate_id = ${p.affiliateId}`,
      `delete from history_signing_keys`,
    ])
      await expect(sql.raw(change).execute(t.db), change).rejects.toThrow(/refused/);
    expect((await check(p.affiliateId)).problems).toEqual([]);
  });

  it('finds rows changed, deleted or reordered behind the platform’s back', async () => {
    const p = await billedPartner('hist-sql');
    await statementOf(p);
    const links = await sql<{ seq: string; kind: string; ref_id: string }>`
      select seq::text, kind, ref_id::text from chain_links where affiliate_id = ${p.affiliateId} order by seq`.execute(
      t.db,
    );
    const commission = links.rows.find((l) => l.kind === 'commission')!;
    expect((await check(p.affiliateId)).problems).toEqual([]);

    await behindTheBack('commissions', `update commissions set amount = 1 where id = ${commission.ref_id}`);
    expect((await check(p.affiliateId)).problems).toEqual([
      expect.objectContaining({
        seq: Number(commission.seq),
        problem: 'source_changed',
        message: `commission ${commission.ref_id} (record ${commission.seq}) differs from what was chained`,
      }),
    ]);
    // Put back, the chain checks again.
    await behindTheBack(
      'commissions',
      `update commissions set amount = 3000 where id = ${commission.ref_id}`,
    );
    expect((await check(p.affiliateId)).problems).toEqual([]);

    // Two links swapped: the chain breaks at the first of them.
    const [a, b] = [links.rows[1]!, links.rows[2]!];
    const [x, y] = [Number(a.seq), Number(b.seq)];
    const where = `where affiliate_id = ${p.affiliateId}`;
    await behindTheBack(
      'chain_links',
      `update chain_links set seq = seq + 1000000 ${where} and seq in (${x}, ${y})`,
      `update chain_links set seq = case seq when ${x + 1000000} then ${y} else ${x} end ${where} and seq > 1000000`,
    );
    expect((await check(p.affiliateId)).problems).toEqual([
      expect.objectContaining({ seq: Number(a.seq), problem: 'chain_broken' }),
    ]);
    // The whole-chain export shows the affiliate the same.
    const chain = await t.as(p.cookie, { url: '/api/partner/v1/history/chain' });
    expect(chain.statusCode).toBe(200);
    const result = await verifyChain(chain.json(), await keys());
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.seq).toBe(Number(a.seq));
  });

  it('exports the whole chain, which verifies from its first record through every checkpoint', async () => {
    const p = await billedPartner('hist-export');
    await statementOf(p);
    const res = await t.as(p.cookie, { url: '/api/partner/v1/history/chain' });
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json();
    expect(chain.affiliate_id).toBe(p.affiliateId);
    expect(chain.links[0]).toMatchObject({ seq: 1, prev_hash: '0'.repeat(64) });
    expect(chain.links.map((l: { seq: number }) => l.seq)).toEqual(
      chain.links.map((_: unknown, i: number) => i + 1),
    );
    // Each CPA: its registration and deposit events, the attribution, the commission.
    expect(chain.links.filter((l: { kind: string }) => l.kind === 'event')).toHaveLength(4);
    expect(chain.links.filter((l: { kind: string }) => l.kind === 'attribution')).toHaveLength(2);
    expect(chain.checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(await verifyChain(chain, await keys())).toEqual({ ok: true, problems: [] });
    // Only this affiliate's records: every event, attribution and commission names it.
    const named = chain.links.filter((l: { kind: string }) =>
      ['event', 'attribution', 'commission'].includes(l.kind),
    );
    expect(named.length).toBe(4 + 2 + 2);
    expect(
      named.filter((l: { body: { affiliate_id: number } }) => l.body.affiliate_id !== p.affiliateId),
    ).toEqual([]);
  });

  it('keeps statements signed with a rotated key verifiable, and signs new ones with the new key', async () => {
    const p = await billedPartner('hist-rotate');
    const before = await statementOf(p);
    const rotated = await api(t, 'POST', '/history/keys/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().retired).toBe(before.key_id);
    const published = await keys();
    expect(published.find((k) => k.id === before.key_id)?.retired_at).toEqual(expect.any(String));
    expect(await verifyStatement(before, published)).toEqual({ ok: true, problems: [] });
    const after = await statementOf(p);
    expect(after.key_id).toBe(rotated.json().active);
    expect(await verifyStatement(after, published)).toEqual({ ok: true, problems: [] });
    const audit = await api(t, 'GET', '/audit-log?entity=history_signing_key');
    expect(audit.json().data[0]).toMatchObject({ action: 'rotated', detail: { retired: before.key_id } });
  });

  it('puts a re-attribution in the chains of both affiliates', async () => {
    const from = await approvedPartner(t, 'hist-from');
    const to = await approvedPartner(t, 'hist-to');
    const { brandId } = await brandWith(t, CPA_PLAN);
    await cpa(t, brandId, from.affiliateId, '2026-03-05');
    const customer = await t.db
      .selectFrom('customers')
      .select('id')
      .where('affiliate_id', '=', from.affiliateId)
      .executeTakeFirstOrThrow();
    const moved = await api(t, 'POST', `/customers/${customer.id}/attribution`, {
      affiliate_id: to.affiliateId,
      reason: 'Player proved the other affiliate referred them',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const p of [from, to]) {
      const chain = (await t.as(p.cookie, { url: '/api/partner/v1/history/chain' })).json();
      const moves = chain.links.filter(
        (l: { kind: string; body: { previous_affiliate_id: number | null } }) =>
          l.kind === 'attribution' && l.body.previous_affiliate_id === from.affiliateId,
      );
      expect(moves).toHaveLength(1);
      expect(moves[0].body).toMatchObject({
        affiliate_id: to.affiliateId,
        reason: 'Player proved the other affiliate referred them',
      });
    }
  });

  it('answers 404 for another affiliate’s or an unknown bill, and the operator reads any statement', async () => {
    const p = await billedPartner('hist-own');
    const other = await approvedPartner(t, 'hist-other');
    const res = await t.as(other.cookie, { url: `/api/partner/v1/bills/${p.billId}/statement` });
    expect(res.statusCode).toBe(404);
    expect((await t.as(other.cookie, { url: '/api/partner/v1/bills/999999999/statement' })).statusCode).toBe(
      404,
    );
    const operator = await api(t, 'GET', `/bills/${p.billId}/statement`);
    expect(operator.statusCode, operator.body).toBe(200);
    expect(await verifyStatement(operator.json(), await keys())).toEqual({ ok: true, problems: [] });
  });
});
