import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Transaction } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { DB } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { isRetryable, recordEvents } from '../ingest/record-events.ts';
import { type Column, readHeader, rowToItem } from './csv-events.ts';

/** Rows per recordEvents call: the API's largest batch. */
export const IMPORT_BATCH = 1000;

/** A row that was not recorded, by its line in the file, with every field's problem. */
export interface ImportRejection {
  line: number;
  event_id: string | null;
  code: 'validation_failed' | 'idempotency_conflict';
  fields: FieldError[];
}

/** What a batch (or a whole run) did: counts of data rows, and the last line of the file read. */
export interface ImportCounts {
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
  line: number;
}

export interface ImportEventsOptions {
  db: Db;
  actor: Actor;
  /** The CSV file's bytes: a file or request stream, or chunks of text. */
  source: Readable | AsyncIterable<Buffer | string>;
  /** Record every row as a real run would, then roll all of it back. */
  dryRun?: boolean;
  /** The rows ending at or before this line were imported by an earlier run: read past them. */
  afterLine?: number;
  batchSize?: number;
  /** Stops the import between two batches (a job past its timeout). */
  signal?: AbortSignal;
  /**
   * Called once per batch, inside the batch's transaction (the run's one transaction in a dry run)
   * once its rows are recorded: what it writes commits with them, so progress kept there is exact
   * even when the process dies in between.
   */
  onBatch?: (
    trx: Transaction<DB>,
    batch: ImportCounts & { rejections: ImportRejection[] },
    run: ImportCounts & { seconds: number },
  ) => Promise<void>;
}

interface Row {
  line: number;
  endLine: number;
  item?: Record<string, unknown>;
  problem?: FieldError;
}

class DryRunDone extends Error {}

const newlines = (cells: string[]) => cells.reduce((n, c) => n + (c.split('\n').length - 1), 0);

/**
 * Imports historical events from CSV (a header row of event API field names, dotted for nested
 * figures: `activity.bets`, `products.casino.bets`, `metadata.source`), streaming the file and
 * recording its rows 1,000 at a time through recordEvents: the same checks, the same
 * idempotency (a file imported twice records nothing the second time) and the same attribution as
 * the API. Bad rows are answered with their line and never block the others. A header naming
 * something that is no event field refuses the file before any row; a file that stops being CSV
 * (an unclosed quote) stops the import at that line, after the rows before it.
 */
export async function importEvents(
  options: ImportEventsOptions,
): Promise<ImportCounts & { seconds: number }> {
  if (!options.dryRun) return run(options, options.db);
  let result: ImportCounts & { seconds: number } = emptyRun();
  try {
    await inTransaction(options.db, async (trx) => {
      result = await run(options, trx);
      throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
  return result;
}

const emptyRun = () => ({ rows: 0, created: 0, duplicates: 0, rejected: 0, line: 0, seconds: 0 });

async function run(options: ImportEventsOptions, db: Db): Promise<ImportCounts & { seconds: number }> {
  const started = performance.now();
  const size = options.batchSize ?? IMPORT_BATCH;
  const after = options.afterLine ?? 0;
  const total = emptyRun();
  // Records are taken as the parser finds them (on_record), a chunk of the file at a time: the
  // rows before a line that is not CSV are then still there to record, and the next chunk is read
  // only once the rows before it are recorded.
  const found: { record: string[]; lines: number }[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    on_record: (record: string[], context: { lines: number }) => {
      found.push({ record, lines: context.lines });
      return undefined;
    },
  });
  parser.resume();
  // Its error is read from parser.errored after each chunk, and from finished() at the end.
  parser.on('error', () => {});
  const source = options.source instanceof Readable ? options.source : Readable.from(options.source);

  const flush = async (rows: Row[]) => {
    if (rows.length === 0) return;
    options.signal?.throwIfAborted();
    await recordRows(db, options.actor, rows, async (trx, batch) => {
      const so = {
        rows: total.rows + batch.rows,
        created: total.created + batch.created,
        duplicates: total.duplicates + batch.duplicates,
        rejected: total.rejected + batch.rejected,
        line: batch.line,
        seconds: (performance.now() - started) / 1000,
      };
      await options.onBatch?.(trx, batch, so);
      Object.assign(total, so);
    });
  };

  let columns: Column[] | null = null;
  let width = 0;
  let rows: Row[] = [];
  const take = async () => {
    for (const { record, lines } of found.splice(0)) {
      if (!columns) {
        const header = readHeader(record);
        if (header.errors) throw AppError.validation(header.errors, headerMessage(header.errors));
        columns = header.columns;
        width = record.length;
        total.line = lines;
        continue;
      }
      if (lines <= after) continue;
      const line = lines - newlines(record);
      rows.push(
        record.length > width
          ? {
              line,
              endLine: lines,
              problem: {
                path: 'row',
                message: `has ${record.length} cells, more than the header's ${width} columns`,
              },
            }
          : { line, endLine: lines, ...rowToItem(columns, record) },
      );
      if (rows.length >= size) {
        await flush(rows);
        rows = [];
      }
    }
  };
  try {
    for await (const chunk of source) {
      parser.write(chunk);
      await take();
      if (parser.errored) throw parser.errored;
    }
    parser.end();
    await finished(parser);
    await take();
  } catch (error) {
    const csv = error as { code?: string; lines?: number; message: string };
    if (!csv.code?.startsWith('CSV_')) throw error;
    // What was read before the file stopped being CSV is recorded; then the import stops there.
    await take();
    await flush(rows);
    throw AppError.field(
      `line ${csv.lines ?? total.line + 1}`,
      `cannot be read as CSV: ${csv.message.replace(/ at line \d+.*$/, '')}`,
    );
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (!columns) throw AppError.field('columns', 'the file is empty: its first line must name the columns');
  await flush(rows);
  total.seconds = (performance.now() - started) / 1000;
  return total;
}

function headerMessage(errors: FieldError[]): string {
  return `the header row cannot be imported: ${errors.map((e) => `${e.path.replace(/^columns\./, '')} ${e.message}`).join('; ')}`;
}

/**
 * Records a batch's rows and runs `after` in one transaction (the caller's, in a dry run), again
 * from the start when a concurrent batch got in the way: the rows then come back as they now are.
 */
async function recordRows(
  db: Db,
  actor: Actor,
  rows: Row[],
  after: (trx: Transaction<DB>, batch: ImportCounts & { rejections: ImportRejection[] }) => Promise<void>,
): Promise<ImportCounts> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, async (trx) => {
        const readable = rows.filter((r) => r.item);
        const results = await recordEvents({
          db: trx,
          actor,
          items: readable.map((r) => r.item),
          batch: false,
        });
        const batch = {
          rows: rows.length,
          created: 0,
          duplicates: 0,
          rejected: 0,
          line: rows[rows.length - 1]?.endLine ?? 0,
          rejections: [] as ImportRejection[],
        };
        for (const row of rows)
          if (row.problem)
            batch.rejections.push({
              line: row.line,
              event_id: null,
              code: 'validation_failed',
              fields: [row.problem],
            });
        results.forEach((result, i) => {
          const row = readable[i] as Row;
          if (result.status === 'created') batch.created++;
          else if (result.status === 'duplicate') batch.duplicates++;
          else if (result.status === 'rejected')
            batch.rejections.push({
              line: row.line,
              event_id: typeof row.item?.event_id === 'string' ? row.item.event_id : null,
              code: result.error.code,
              fields: result.error.fields,
            });
        });
        batch.rejected = batch.rejections.length;
        batch.rejections.sort((a, b) => a.line - b.line);
        await after(trx, batch);
        return batch;
      });
    } catch (error) {
      if (!isRetryable(error) || attempt >= 5 || db.isTransaction) throw error;
    }
  }
}
