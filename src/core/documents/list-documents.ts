import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { DocumentStatus } from '../../db/tables/documents.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import type { DocumentView } from './document-view.ts';

/**
 * A page of documents newest first: the uploaded ones and the bank accounts' statements (kind
 * `bank_statement`, decided through the bank statements, which verifies the account), with the
 * count of both. One query over both tables, so a page is cut after they are merged.
 */
export async function listDocuments(options: {
  db: Db;
  affiliateId?: number;
  status?: DocumentStatus;
  managerId?: number;
  limit: number;
  offset: number;
}): Promise<{ data: DocumentView[]; total: number }> {
  const { db } = options;
  const documents = db
    .selectFrom('affiliate_documents')
    .select([
      sql<DocumentView['source']>`'document'`.as('source'),
      'id',
      'affiliate_id',
      sql<DocumentView['kind']>`kind`.as('kind'),
      'description',
      sql<number | null>`null::int4`.as('payment_method_id'),
      'file_name',
      'content_type',
      'size_bytes',
      'status',
      'decision_comment',
      'decided_by',
      'decided_at',
      sql<string | null>`actor_name`.as('uploaded_by'),
      'created_at',
    ]);
  const statements = db
    .selectFrom('wallet_bank_statements')
    .select([
      sql<DocumentView['source']>`'bank_statement'`.as('source'),
      'id',
      'affiliate_id',
      sql<DocumentView['kind']>`'bank_statement'`.as('kind'),
      sql<string | null>`null::text`.as('description'),
      sql<number | null>`payment_method_id`.as('payment_method_id'),
      'file_name',
      'content_type',
      'size_bytes',
      'status',
      sql<string | null>`decision_reason`.as('decision_comment'),
      'decided_by',
      'decided_at',
      sql<string | null>`null::text`.as('uploaded_by'),
      'created_at',
    ]);
  // The same filters on both tables (their columns share the names).
  const filtered = <Q extends typeof documents>(q: Q): Q => {
    let out = q;
    if (options.affiliateId !== undefined) out = out.where('affiliate_id', '=', options.affiliateId) as Q;
    if (options.status) out = out.where('status', '=', options.status) as Q;
    if (options.managerId !== undefined)
      out = out.where('affiliate_id', 'in', managedAffiliateIds(db, options.managerId)) as Q;
    return out;
  };
  const both = filtered(documents)
    .unionAll(filtered(statements as unknown as typeof documents))
    .as('d');
  const [rows, count] = await Promise.all([
    db
      .selectFrom(both)
      .selectAll()
      // Same-instant rows in a fixed order, so pages neither repeat nor skip one.
      .orderBy('created_at', 'desc')
      .orderBy('source')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    db
      .selectFrom(both)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data: rows, total: Number(count.n) };
}
