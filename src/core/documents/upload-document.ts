import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.ts';
import type { DocumentKind } from '../../db/tables/documents.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { newCode } from '../clicks/ids.ts';
import { AppError, type FieldError } from '../errors.ts';
import { checkUpload } from '../files/uploaded-file.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { type DocumentView, dirOf, documentView } from './document-view.ts';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'identity',
  'proof_of_address',
  'company_registration',
  'tax_form',
  'other',
];

/**
 * The affiliate uploads a document for verification: it waits for the operator (`pending`).
 * A bank statement is not uploaded here: it belongs to a bank account (uploadBankStatement).
 */
export async function uploadDocument(options: {
  db: Db;
  actor: Actor;
  dataDir: string;
  affiliateId: number;
  kind: string;
  description?: string | null;
  fileName: string;
  file: Buffer;
}): Promise<DocumentView> {
  const problems: FieldError[] = [];
  const kind = DOCUMENT_KINDS.find((k) => k === options.kind);
  if (options.kind === 'bank_statement')
    problems.push({ path: 'kind', message: 'upload a bank statement on its bank account (payment methods)' });
  else if (!kind) problems.push({ path: 'kind', message: `must be one of ${DOCUMENT_KINDS.join(', ')}` });
  const description = options.description?.trim() || null;
  if (description && description.length > 500)
    problems.push({ path: 'description', message: 'must be at most 500 characters' });
  const { file } = options;
  const checked = checkUpload(file, 'document');
  if ('problem' in checked) problems.push({ path: 'content_base64', message: checked.problem });
  const type = 'kind' in checked ? checked.kind : null;
  if (problems.length || !kind || !type) throw AppError.validation(problems);
  const fileName = options.fileName.trim().slice(0, 200) || `document.${type.ext}`;
  const key = `${newCode(24)}.${type.ext}`;
  await fs.mkdir(dirOf(options.dataDir), { recursive: true });
  const target = path.join(dirOf(options.dataDir), key);
  await fs.writeFile(target, file, { flag: 'wx' });
  try {
    return await inTransaction(options.db, async (trx) => {
      const affiliate = await trx
        .selectFrom('affiliates')
        .select('id')
        .where('id', '=', options.affiliateId)
        .executeTakeFirst();
      if (!affiliate) throw AppError.notFound('affiliate');
      const row = await trx
        .insertInto('affiliate_documents')
        .values({
          affiliate_id: affiliate.id,
          kind,
          description,
          storage_key: key,
          file_name: fileName,
          content_type: type.type,
          size_bytes: file.length,
          ...actorColumns(options.actor),
          actor_name: options.actor.name.slice(0, 200),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAffiliateEvent(trx, {
        affiliateId: row.affiliate_id,
        type: 'document_uploaded',
        actor: options.actor,
        data: { document_id: row.id, kind },
      });
      return documentView(row);
    });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}
