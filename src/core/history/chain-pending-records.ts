import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { bodyHashOfText, canonicalJson, GENESIS_HASH, linkHash } from './chain-hash.ts';
import { type ChainKind, readBodies } from './record-bodies.ts';

const BATCH = 5000;

interface Pending {
  id: string;
  affiliate_id: number;
  kind: ChainKind;
  ref_id: string;
}

/**
 * Links the queued records of committed transactions into their affiliates' chains, oldest first,
 * `BATCH` at a time until none is left, and takes them off the queue in the same transaction;
 * returns how many it linked. A transaction still open has queued records this one cannot see:
 * a later run links them, after whatever was linked meanwhile (a chain's order is the order of
 * linking). One chainer at a time (an advisory lock); the others return 0 at once.
 */
export async function chainPendingRecords(options: { db: Db }): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await options.db.transaction().execute((trx) => chainBatch(trx));
    if (n === null) return linked;
    linked += n;
    if (n < BATCH) return linked;
  }
}

async function chainBatch(db: Db): Promise<number | null> {
  const { rows: lock } = await sql<{ ok: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended('history:chain', 0)) as ok`.execute(db);
  if (!lock[0]?.ok) return null;
  // Bodies print their timestamps in the session's zone: always UTC, so a later check reads the same.
  await sql`set local time zone 'UTC'`.execute(db);
  const { rows: pending } = await sql<Pending>`
    delete from chain_queue where id in (select id from chain_queue order by id limit ${BATCH})
    returning id::text as id, affiliate_id, kind, ref_id::text as ref_id`.execute(db);
  pending.sort((a, b) => Number(a.id) - Number(b.id));
  const fresh = await unlinked(db, pending);
  if (fresh.length) await link(db, fresh);
  return pending.length;
}

/**
 * A record joins a chain once: the brand-wide rules are queued for an affiliate by more than one
 * cause (its admission, an assignment bringing the plan's versions), possibly by two transactions
 * at once, so a reference already linked, or twice in the batch, is taken off the queue unlinked.
 */
async function unlinked(db: Db, pending: Pending[]): Promise<Pending[]> {
  const key = (p: { affiliate_id: number; kind: string; ref_id: string }) =>
    `${p.affiliate_id}:${p.kind}:${p.ref_id}`;
  const { rows } = await sql<{ affiliate_id: number; kind: string; ref_id: string }>`
    select l.affiliate_id, l.kind, l.ref_id::text as ref_id from chain_links l
    join jsonb_to_recordset(${JSON.stringify(pending)}::jsonb) as x(affiliate_id integer, kind text, ref_id bigint)
      on l.affiliate_id = x.affiliate_id and l.kind = x.kind and l.ref_id = x.ref_id`.execute(db);
  const seen = new Set(rows.map(key));
  return pending.filter((p) => {
    if (seen.has(key(p))) return false;
    seen.add(key(p));
    return true;
  });
}

async function link(db: Db, pending: Pending[]) {
  const byKind = new Map<ChainKind, string[]>();
  for (const p of pending) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.ref_id]);
  const bodies = new Map<string, unknown>();
  for (const [kind, ids] of byKind)
    for (const [id, body] of await readBodies(db, kind, [...new Set(ids)])) bodies.set(`${kind}:${id}`, body);

  const affiliates = [...new Set(pending.map((p) => p.affiliate_id))];
  // Each chain's head by its primary key, newest first, one row per affiliate: a distinct on over
  // the affiliates' links read and sorted every link of their chains (65,000 after one
  // bench:events, 140 ms per run and growing with the chains).
  const { rows: heads } = await sql<{ affiliate_id: number; seq: string; hash: string }>`
    select a.affiliate_id, l.seq::text as seq, l.hash from unnest(${affiliates}::int[]) as a(affiliate_id)
    cross join lateral (select seq, hash from chain_links where chain_links.affiliate_id = a.affiliate_id
      order by seq desc limit 1) as l`.execute(db);
  const head = new Map(heads.map((h) => [h.affiliate_id, { seq: Number(h.seq), hash: h.hash }]));

  const links = pending.map((p) => {
    // A row removed before it was linked (a regenerated bill's line) is linked as gone.
    const body = bodies.get(`${p.kind}:${p.ref_id}`) ?? { removed_before_linking: true };
    const prev = head.get(p.affiliate_id) ?? { seq: 0, hash: GENESIS_HASH };
    const seq = prev.seq + 1;
    // The body's canonical text once, for its hash. Stored as read: jsonb keeps no key order, so
    // the canonical text parsed back (as before) stored the same value.
    const bh = bodyHashOfText(p.kind, p.ref_id, canonicalJson(body));
    const hash = linkHash(p.affiliate_id, seq, prev.hash, bh);
    head.set(p.affiliate_id, { seq, hash });
    return {
      affiliate_id: p.affiliate_id,
      seq,
      kind: p.kind,
      ref_id: p.ref_id,
      body,
      body_hash: bh,
      prev_hash: prev.hash,
      hash,
    };
  });
  // A JSON object a line, each parsed on its own (JSON.stringify writes no raw newline): one
  // document of 5,000 bodies (about 6 MB) parsed as a whole took PostgreSQL several times longer.
  await sql`
    insert into chain_links (affiliate_id, seq, kind, ref_id, body, body_hash, prev_hash, hash)
    select affiliate_id, seq, kind, ref_id, body, body_hash, prev_hash, hash
    from string_to_table(${links.map((l) => JSON.stringify(l)).join('\n')}::text, E'\\n') as line,
      jsonb_to_record(line::jsonb) as x(affiliate_id integer, seq bigint, kind text, ref_id bigint,
        body jsonb, body_hash text, prev_hash text, hash text)`.execute(db);
}
