import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { canonicalJson } from './chain-hash.ts';
import { chainPendingRecords } from './chain-pending-records.ts';
import { type Checkpoint, sealCheckpoints } from './seal-checkpoints.ts';
import { activeSigningKey, signText } from './signing-keys.ts';

export interface StatementLink {
  seq: number;
  kind: string;
  ref_id: string;
  body_hash: string;
  hash: string;
  prev_hash?: string;
  body?: unknown;
}

export interface BillStatement {
  v: 'affluent-statement-v1';
  issuer: string;
  issued_at: string;
  affiliate_id: number;
  bill: Record<string, unknown> & { id: number };
  range: { from_seq: number; to_seq: number; prev_hash: string };
  totals: Record<string, unknown>;
  checkpoint: Checkpoint;
  links: StatementLink[];
  key_id: string;
  signature: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/**
 * A bill's signed statement: the records behind it (its changes, its lines and their commissions
 * with their status changes, its corrections, its ledger entries) in full, every other link of
 * the affiliate's chain between them by hash only, up to a signed checkpoint, and the totals as
 * the bill shows them. The verifier (verifier/affluent-verify.mjs) recomputes all of it.
 * `affiliateId` limits it to that affiliate's bills (not_found otherwise).
 */
export async function billStatement(options: {
  db: Db;
  secretKey: string;
  issuer: string;
  billId: number;
  affiliateId?: number;
  now?: Date;
}): Promise<BillStatement> {
  const { db } = options;
  const { rows: bills } = await sql<{
    id: string;
    affiliate_id: number;
    brand_id: number;
    plan_id: number | null;
    currency: string;
    period_start: string;
    period_end: string;
    status: string;
    issued_amount: string;
    amount_to_pay: string;
    ledger_entry_id: string | null;
  }>`select id::text, affiliate_id, brand_id, plan_id, currency, to_char(period_start, 'YYYY-MM-DD') as period_start,
      to_char(period_end, 'YYYY-MM-DD') as period_end, status, issued_amount::text, amount_to_pay::text,
      ledger_entry_id::text
    from bills where id = ${options.billId}
      and (${options.affiliateId ?? null}::int is null or affiliate_id = ${options.affiliateId ?? null}::int)`.execute(
    db,
  );
  const bill = bills[0];
  if (!bill) throw new AppError('not_found', 'No such bill');

  await chainPendingRecords({ db });
  const { rows: refs } = await sql<{ kind: string; ref_id: string }>`
    select 'bill_change' as kind, id::text as ref_id from bill_changes where bill_id = ${options.billId}
    union all select 'bill_line', id::text from bill_lines where bill_id = ${options.billId}
    union all select 'bill_correction', id::text from bill_corrections where bill_id = ${options.billId}
    union all select 'commission', commission_id::text from bill_lines where bill_id = ${options.billId}
    union all select 'commission_status', s.id::text from commission_status_changes s
      join bill_lines l on l.commission_id = s.commission_id where l.bill_id = ${options.billId}
    union all select 'ledger_entry', ledger_entry_id::text from bills where id = ${options.billId} and ledger_entry_id is not null
    union all select 'ledger_entry', ledger_entry_id::text from bill_corrections
      where bill_id = ${options.billId} and ledger_entry_id is not null`.execute(db);
  const wanted = new Set(refs.map((r) => `${r.kind}:${r.ref_id}`));
  if (!wanted.size)
    throw new AppError(
      'invalid_state',
      'This bill was issued before the verifiable history began: it has no statement',
    );
  const { rows: span } = await sql<{ lo: string | null; hi: string | null; n: string }>`
    select min(seq)::text as lo, max(seq)::text as hi, count(*)::text as n from chain_links
    where affiliate_id = ${bill.affiliate_id} and (kind || ':' || ref_id) = any(${[...wanted]}::text[])`.execute(
    db,
  );
  if (!span[0]?.lo || Number(span[0].n) < wanted.size)
    throw new AppError(
      'invalid_state',
      'The bill’s records are still being written to the history: try again in a minute',
    );
  const from = Number(span[0].lo);
  const to = Number(span[0].hi);

  // The first checkpoint at or after its last record; sealed now when the day's seal is still to come.
  let checkpoint = await firstCheckpointFrom(db, bill.affiliate_id, to);
  if (!checkpoint) {
    const { now, secretKey } = options;
    await sealCheckpoints({ db, secretKey, ...(now ? { now } : {}), affiliateIds: [bill.affiliate_id] });
    checkpoint = await firstCheckpointFrom(db, bill.affiliate_id, to);
  }
  if (!checkpoint)
    throw new AppError('invalid_state', 'The bill’s history is not sealed yet: try again in a minute');

  const { rows: links } = await sql<{
    seq: string;
    kind: string;
    ref_id: string;
    body_hash: string;
    prev_hash: string;
    hash: string;
    body: unknown;
  }>`select seq::text, kind, ref_id::text, body_hash, prev_hash, hash, body from chain_links
    where affiliate_id = ${bill.affiliate_id} and seq between ${from} and ${checkpoint.seq} order by chain_links.seq`.execute(
    db,
  );

  const { rows: byKind } = await sql<{ kind: string; amount: string }>`
    select c.kind, sum(l.amount)::text as amount from bill_lines l join commissions c on c.id = l.commission_id
    where l.bill_id = ${options.billId} group by c.kind order by c.kind`.execute(db);
  const { rows: corr } = await sql<{ added: string; subtracted: string; lines: string }>`
    select coalesce(sum(amount) filter (where action = 'add'), 0)::text as added,
      coalesce(sum(amount) filter (where action = 'subtract'), 0)::text as subtracted,
      (select count(*) from bill_lines where bill_id = ${options.billId})::text as lines
    from bill_corrections where bill_id = ${options.billId}`.execute(db);

  const key = await activeSigningKey(options);
  const unsigned: Omit<BillStatement, 'signature'> = {
    v: 'affluent-statement-v1',
    issuer: options.issuer,
    issued_at: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    affiliate_id: bill.affiliate_id,
    bill: {
      id: Number(bill.id),
      brand_id: bill.brand_id,
      plan_id: bill.plan_id,
      currency: bill.currency,
      period_start: bill.period_start,
      period_end: bill.period_end,
      status: bill.status,
    },
    range: { from_seq: from, to_seq: checkpoint.seq, prev_hash: links[0]!.prev_hash },
    totals: {
      lines: Number(corr[0]!.lines),
      lines_amount: Number(bill.issued_amount),
      by_kind: Object.fromEntries(byKind.map((k) => [k.kind, Number(k.amount)])),
      corrections_added: Number(corr[0]!.added),
      corrections_subtracted: Number(corr[0]!.subtracted),
      amount_to_pay: Number(bill.amount_to_pay),
    },
    checkpoint,
    links: links.map((l) => ({
      seq: Number(l.seq),
      kind: l.kind,
      ref_id: l.ref_id,
      body_hash: l.body_hash,
      hash: l.hash,
      ...(wanted.has(`${l.kind}:${l.ref_id}`) ? { body: l.body } : {}),
    })),
    key_id: key.id,
  };
  return { ...unsigned, signature: signText(key, canonicalJson(unsigned)) };
}

async function firstCheckpointFrom(db: Db, affiliateId: number, seq: number): Promise<Checkpoint | null> {
  const { rows } = await sql<Checkpoint & { seq: string }>`
    select affiliate_id, seq::text as seq, hash, to_char(sealed_at at time zone 'UTC', ${sql.raw(ISO)}) as sealed_at,
      key_id, signature
    from chain_checkpoints where affiliate_id = ${affiliateId} and seq >= ${seq} order by chain_checkpoints.seq limit 1`.execute(
    db,
  );
  return rows[0] ? { ...rows[0], seq: Number(rows[0].seq) } : null;
}
