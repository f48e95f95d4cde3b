import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { dirOf, loadDocumentRow } from './document-view.ts';

/** The affiliate takes back a document the operator has not decided on yet. */
export async function deleteDocument(options: {
  db: Db;
  actor: Actor;
  dataDir: string;
  affiliateId: number;
  id: number;
}): Promise<void> {
  const key = await inTransaction(options.db, async (trx) => {
    const row = await loadDocumentRow(trx, options.id, { affiliateId: options.affiliateId }, true);
    if (row.status !== 'pending')
      throw new AppError('invalid_state', `only a pending document is deleted; this one is ${row.status}`, {
        status: row.status,
      });
    await trx.deleteFrom('affiliate_documents').where('id', '=', row.id).execute();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'document_deleted',
      actor: options.actor,
      data: { document_id: row.id, kind: row.kind, file_name: row.file_name },
    });
    return row.storage_key;
  });
  // After the commit: a rolled-back delete keeps its file.
  await fs.rm(path.join(dirOf(options.dataDir), key), { force: true });
}
