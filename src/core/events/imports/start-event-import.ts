import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { csvSource, readHeader } from './csv-events.ts';
import { eventImportJob } from './event-import-job.ts';
import { type EventImportView, getEventImport } from './get-event-import.ts';

/** The first record of the file, read without the rest. */
async function firstRecord(content: Buffer, encoding: 'identity' | 'gzip'): Promise<string[] | null> {
  const source = csvSource(content, encoding);
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    to_line: 1,
  });
  const feeding = pipeline(source, parser).catch(() => {});
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_')) throw AppError.field('body', 'is not gzip data (Content-Encoding: gzip)');
    if (code.startsWith('CSV_'))
      throw AppError.field('line 1', `cannot be read as CSV: ${(error as Error).message}`);
    throw error;
  } finally {
    source.destroy();
    await feeding;
  }
}

/**
 * Takes a CSV file of historical events for a background import: its header is checked at once
 * (every column an event field, the required ones there), then the file is kept with the import
 * and the `events.import` job is enqueued in the same transaction. Progress: getEventImport.
 */
export async function startEventImport(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  content: Buffer;
  encoding: 'identity' | 'gzip';
}): Promise<EventImportView> {
  const { db, jobs, actor, content, encoding } = options;
  if (content.length === 0)
    throw AppError.field('body', 'is empty: send the CSV file, its first line naming the columns');
  const header = await firstRecord(content, encoding);
  if (!header) throw AppError.field('body', 'is empty: send the CSV file, its first line naming the columns');
  const checked = readHeader(header);
  if (checked.errors) throw AppError.validation(checked.errors);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('event_imports')
      .values({
        content,
        content_encoding: encoding,
        size_bytes: content.length,
        ...actorColumns(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await jobs.enqueue(trx, { name: eventImportJob.name, data: { import_id: row.id } });
    return row.id;
  });
  return getEventImport({ db, id });
}
