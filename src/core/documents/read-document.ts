import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.ts';
import { dirOf, loadDocumentRow } from './document-view.ts';

/** A document's file: the affiliate's own, or a manager's affiliate's. */
export async function readDocument(options: {
  db: Db;
  dataDir: string;
  id: number;
  affiliateId?: number;
  managerId?: number;
}): Promise<{ file: Buffer; contentType: string; fileName: string }> {
  const { affiliateId, managerId } = options;
  const row = await loadDocumentRow(options.db, options.id, {
    ...(affiliateId === undefined ? {} : { affiliateId }),
    ...(managerId === undefined ? {} : { managerId }),
  });
  const file = await fs.readFile(path.join(dirOf(options.dataDir), row.storage_key));
  return { file, contentType: row.content_type, fileName: row.file_name };
}
