import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { chainPendingRecords } from './chain-pending-records.ts';
import { publishedKeys } from './signing-keys.ts';

const PAGE = 2000;
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/**
 * An affiliate's whole chain as one JSON document, written in pages so a long history never sits
 * in memory: every link with its body, every checkpoint, and the published keys. The verifier
 * checks it from the first link (`verifyChain`).
 */
export async function* exportChain(options: {
  db: Db;
  affiliateId: number;
  issuer: string;
}): AsyncGenerator<string> {
  const { db, affiliateId } = options;
  await chainPendingRecords({ db });
  const head = JSON.stringify({ v: 'affluent-chain-v1', issuer: options.issuer, affiliate_id: affiliateId });
  yield `${head.slice(0, -1)},"links":[`;
  let after = 0;
  let first = true;
  for (;;) {
    const { rows } = await sql<{ seq: string; line: string }>`
      select seq::text, json_build_object('seq', seq, 'kind', kind, 'ref_id', ref_id::text, 'body', body,
        'body_hash', body_hash, 'prev_hash', prev_hash, 'hash', hash,
        'chained_at', to_char(chained_at at time zone 'UTC', ${sql.raw(ISO)}))::text as line
      from chain_links where affiliate_id = ${affiliateId} and seq > ${after} order by chain_links.seq limit ${PAGE}`.execute(
      db,
    );
    if (!rows.length) break;
    yield (first ? '' : ',') + rows.map((r) => r.line).join(',');
    first = false;
    after = Number(rows.at(-1)!.seq);
    if (rows.length < PAGE) break;
  }
  const { rows: checkpoints } = await sql<{ line: string }>`
    select json_build_object('affiliate_id', affiliate_id, 'seq', seq, 'hash', hash,
      'sealed_at', to_char(sealed_at at time zone 'UTC', ${sql.raw(ISO)}), 'key_id', key_id, 'signature', signature)::text as line
    from chain_checkpoints where affiliate_id = ${affiliateId} order by seq`.execute(db);
  yield `],"checkpoints":[${checkpoints.map((c) => c.line).join(',')}],"keys":${JSON.stringify(await publishedKeys({ db }))}}`;
}
