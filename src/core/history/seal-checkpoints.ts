import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { canonicalJson } from './chain-hash.ts';
import { activeSigningKey, signText } from './signing-keys.ts';

export interface Checkpoint {
  affiliate_id: number;
  seq: number;
  hash: string;
  sealed_at: string;
  key_id: string;
  signature: string;
}

/** What a checkpoint's signature covers: its canonical JSON without the signature. */
export const checkpointPayload = (c: Omit<Checkpoint, 'signature'>) =>
  canonicalJson({
    affiliate_id: c.affiliate_id,
    hash: c.hash,
    key_id: c.key_id,
    sealed_at: c.sealed_at,
    seq: c.seq,
    v: 'affluent-checkpoint-v1',
  });

/**
 * Signs the head of each chain that has grown since its last checkpoint (or only `affiliateIds`'
 * chains), with the active key. Returns the checkpoints made. Link the pending records first.
 */
export async function sealCheckpoints(options: {
  db: Db;
  secretKey: string;
  now?: Date;
  affiliateIds?: number[];
}): Promise<Checkpoint[]> {
  if (options.db.isTransaction) return seal(options);
  return options.db.transaction().execute((db) => seal({ ...options, db }));
}

async function seal(options: { db: Db; secretKey: string; now?: Date; affiliateIds?: number[] }) {
  // One sealer at a time, so two never sign the same head differently.
  await sql`select pg_advisory_xact_lock(hashtextextended('history:seal', 0))`.execute(options.db);
  const key = await activeSigningKey(options);
  const sealedAt = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const only = options.affiliateIds;
  const { rows: heads } = await sql<{ affiliate_id: number; seq: string; hash: string }>`
    select distinct on (l.affiliate_id) l.affiliate_id, l.seq::text as seq, l.hash from chain_links l
    where (${only ?? null}::int[] is null or l.affiliate_id = any(${only ?? null}::int[]))
    order by l.affiliate_id, l.seq desc`.execute(options.db);
  const { rows: sealed } = await sql<{ affiliate_id: number; seq: string }>`
    select distinct on (affiliate_id) affiliate_id, seq::text as seq from chain_checkpoints
    where (${only ?? null}::int[] is null or affiliate_id = any(${only ?? null}::int[]))
    order by affiliate_id, chain_checkpoints.seq desc`.execute(options.db);
  const last = new Map(sealed.map((s) => [s.affiliate_id, Number(s.seq)]));
  const made: Checkpoint[] = [];
  for (const h of heads) {
    const seq = Number(h.seq);
    if ((last.get(h.affiliate_id) ?? 0) >= seq) continue;
    const body = { affiliate_id: h.affiliate_id, seq, hash: h.hash, sealed_at: sealedAt, key_id: key.id };
    made.push({ ...body, signature: signText(key, checkpointPayload(body)) });
  }
  if (made.length)
    await sql`insert into chain_checkpoints (affiliate_id, seq, hash, sealed_at, key_id, signature)
      select affiliate_id, seq, hash, sealed_at, key_id, signature
      from jsonb_to_recordset(${JSON.stringify(made)}::jsonb) as x(affiliate_id integer, seq bigint, hash text,
        sealed_at timestamptz, key_id text, signature text)`.execute(options.db);
  return made;
}
