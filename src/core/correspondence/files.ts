// @internal: the files attached to inquiry answers and messages, and where they live
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { CorrespondenceFilesTable } from '../../db/tables/correspondence.ts';
import { newCode } from '../clicks/ids.ts';
import { AppError, type FieldError } from '../errors.ts';
import { checkUpload } from '../files/uploaded-file.ts';

export const MAX_FILES = 5;

/** A file as it arrives: its name and bytes (the APIs send them base64 in `content_base64`). */
export interface IncomingFile {
  file_name: string;
  content: Buffer;
}

export interface FileView {
  id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
}

export const dirOf = (dataDir: string) => path.join(dataDir, 'correspondence');

export interface CheckedFile {
  file_name: string;
  content: Buffer;
  type: string;
  ext: string;
}

/** Every problem of every file at once, by its path (`files[1].content_base64`). */
export function checkFiles(files: IncomingFile[], problems: FieldError[]): CheckedFile[] {
  if (files.length > MAX_FILES) problems.push({ path: 'files', message: `at most ${MAX_FILES} files` });
  const out: CheckedFile[] = [];
  for (const [i, f] of files.entries()) {
    const at = `files[${i}].content_base64`;
    const checked = checkUpload(f.content, 'file');
    if ('problem' in checked) problems.push({ path: at, message: checked.problem });
    else {
      const { kind } = checked;
      const name = f.file_name.trim().slice(0, 200) || `file-${i + 1}.${kind.ext}`;
      out.push({ file_name: name, content: f.content, type: kind.type, ext: kind.ext });
    }
  }
  return out;
}

/** Writes the files before the transaction; `remove` takes them back if it fails. */
export async function writeFiles(dataDir: string, files: CheckedFile[]) {
  await fs.mkdir(dirOf(dataDir), { recursive: true });
  const keys: string[] = [];
  for (const f of files) {
    const key = `${newCode(24)}.${f.ext}`;
    await fs.writeFile(path.join(dirOf(dataDir), key), f.content, { flag: 'wx' });
    keys.push(key);
  }
  return {
    keys,
    remove: () => Promise.all(keys.map((k) => fs.rm(path.join(dirOf(dataDir), k), { force: true }))),
  };
}

export async function insertFiles(
  trx: Db,
  owner: { affiliateId: number; inquiryAnswerId?: number; messageId?: number },
  files: CheckedFile[],
  keys: string[],
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .insertInto('correspondence_files')
    .values(
      files.map((f, i) => ({
        affiliate_id: owner.affiliateId,
        inquiry_answer_id: owner.inquiryAnswerId ?? null,
        message_id: owner.messageId ?? null,
        storage_key: keys[i]!,
        file_name: f.file_name,
        content_type: f.type,
        size_bytes: f.content.length,
      })),
    )
    .execute();
}

export const fileView = (row: Selectable<CorrespondenceFilesTable>): FileView => ({
  id: row.id,
  file_name: row.file_name,
  content_type: row.content_type,
  size_bytes: row.size_bytes,
  created_at: row.created_at,
});

export function requireText(problems: FieldError[], path: string, value: string | undefined, max: number) {
  const text = value?.trim() ?? '';
  if (!text) problems.push({ path, message: 'is required' });
  else if (text.length > max) problems.push({ path, message: `must be at most ${max} characters` });
  return text;
}

export const throwProblems = (problems: FieldError[]) => {
  if (problems.length) throw AppError.validation(problems);
};
