import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { bodyHash, GENESIS_HASH, linkHash } from './chain-hash.ts';
import { chainPendingRecords } from './chain-pending-records.ts';
import { type ChainKind, readBodies } from './record-bodies.ts';

export interface HistoryProblem {
  affiliate_id: number;
  seq: number;
  kind: string;
  ref_id: string;
  problem: 'chain_broken' | 'body_changed' | 'source_changed' | 'source_missing';
  message: string;
}

const PAGE = 2000;

/**
 * The operator's own check, against the database as it is now: every affiliate's chain (or
 * one's) still links from its first record, each link's body still hashes to its body hash, and
 * each source row still reads as it was chained. Returns the first problem of each chain (a
 * chain broken at one link says nothing sure about the ones after).
 */
export async function checkHistory(options: { db: Db; affiliateId?: number }): Promise<{
  affiliates: number;
  links: number;
  problems: HistoryProblem[];
}> {
  const { db } = options;
  await chainPendingRecords({ db });
  const { rows: affiliates } = await sql<{ affiliate_id: number }>`
    select distinct affiliate_id from chain_links
    where (${options.affiliateId ?? null}::int is null or affiliate_id = ${options.affiliateId ?? null}::int)
    order by affiliate_id`.execute(db);
  const problems: HistoryProblem[] = [];
  let checked = 0;
  for (const { affiliate_id } of affiliates) {
    const problem = await checkOne(db, affiliate_id, (n) => {
      checked += n;
    });
    if (problem) problems.push(problem);
  }
  return { affiliates: affiliates.length, links: checked, problems };
}

async function checkOne(
  db: Db,
  affiliateId: number,
  count: (n: number) => void,
): Promise<HistoryProblem | null> {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    // Bodies print timestamps in the session's zone: UTC, as the chainer read them.
    const { rows, sources } = await db.transaction().execute(async (trx) => {
      await sql`set local time zone 'UTC'`.execute(trx);
      const { rows } = await sql<{
        seq: string;
        kind: ChainKind;
        ref_id: string;
        body: unknown;
        body_hash: string;
        prev_hash: string;
        hash: string;
      }>`select seq::text, kind, ref_id::text, body, body_hash, prev_hash, hash from chain_links
        where affiliate_id = ${affiliateId} and seq >= ${expected} order by chain_links.seq limit ${PAGE}`.execute(
        trx,
      );
      const sources = new Map<string, Map<string, unknown>>();
      for (const kind of new Set(rows.map((r) => r.kind)))
        sources.set(
          kind,
          await readBodies(
            trx,
            kind,
            rows.filter((r) => r.kind === kind).map((r) => r.ref_id),
          ),
        );
      return { rows, sources };
    });
    if (!rows.length) return null;
    count(rows.length);
    for (const r of rows) {
      const seq = Number(r.seq);
      const at = { affiliate_id: affiliateId, seq, kind: r.kind, ref_id: r.ref_id };
      if (
        seq !== expected ||
        r.prev_hash !== prev ||
        linkHash(affiliateId, seq, prev, r.body_hash) !== r.hash
      )
        return {
          ...at,
          problem: 'chain_broken',
          message: `record ${expected} is missing, moved or rewritten`,
        };
      if (bodyHash(r.kind, r.ref_id, r.body) !== r.body_hash)
        return {
          ...at,
          problem: 'body_changed',
          message: `record ${seq} (${r.kind} ${r.ref_id}) was changed after it was chained`,
        };
      const source = sources.get(r.kind)!.get(r.ref_id);
      const removedBeforeLinking =
        (r.body as { removed_before_linking?: boolean }).removed_before_linking === true;
      // A regenerated bill's old lines are deleted by design; their chained bodies stay.
      if (source === undefined && !removedBeforeLinking && r.kind !== 'bill_line')
        return {
          ...at,
          problem: 'source_missing',
          message: `${r.kind} ${r.ref_id} (record ${seq}) was deleted`,
        };
      if (source !== undefined && bodyHash(r.kind, r.ref_id, source) !== r.body_hash)
        return {
          ...at,
          problem: 'source_changed',
          message: `${r.kind} ${r.ref_id} (record ${seq}) differs from what was chained`,
        };
      prev = r.hash;
      expected = seq + 1;
    }
    if (rows.length < PAGE) return null;
  }
}
