import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { defineJob } from '../../jobs/job-type.ts';
import { csvSource } from './csv-events.ts';
import { importEvents } from './import-events.ts';

const RETRY = { limit: 3, delaySeconds: 30, backoff: true };

/**
 * Runs an import taken by startEventImport. Each batch commits with its progress (counts, the
 * last line done, the rejected rows), so a run cut short and tried again resumes after the last
 * committed line and counts nothing twice. A file that cannot be imported (it stops being CSV) is
 * not tried again: the import is failed with the line, keeping the rows before it.
 */
export const eventImportJob = defineJob({
  name: 'events.import',
  payload: Type.Object({ import_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: RETRY,
  // A million rows at the embedded database's pace, with room to spare.
  timeoutSeconds: 4 * 3600,
  singletonKey: (data) => String(data.import_id),
  async run(data, { db, job }) {
    const row = await db
      .updateTable('event_imports')
      .set({
        status: 'running',
        started_at: sql`coalesce(started_at, now())`,
        error: null,
        updated_at: sql`now()`,
      })
      .where('id', '=', data.import_id)
      .where('status', 'in', ['queued', 'running'])
      .returning([
        'content',
        'content_encoding',
        'line_done',
        'seconds_spent',
        'actor_type',
        'actor_id',
        'actor_name',
      ])
      .executeTakeFirst();
    if (!row?.content) return;
    const spentBefore = row.seconds_spent;
    let lineDone = row.line_done;
    try {
      await importEvents({
        db,
        actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
        source: csvSource(row.content, row.content_encoding),
        afterLine: row.line_done,
        signal: job.signal,
        onBatch: async (trx, batch, run) => {
          const moved = await trx
            .updateTable('event_imports')
            .set((eb) => ({
              rows_done: eb('rows_done', '+', batch.rows),
              created: eb('created', '+', batch.created),
              duplicates: eb('duplicates', '+', batch.duplicates),
              rejected: eb('rejected', '+', batch.rejected),
              line_done: batch.line,
              seconds_spent: spentBefore + run.seconds,
              updated_at: sql`now()`,
            }))
            .where('id', '=', data.import_id)
            .where('line_done', '=', lineDone)
            .executeTakeFirst();
          // A run given up for dead (past its timeout) may still be going: one of them stops here.
          if (moved.numUpdatedRows !== 1n)
            throw new Error('another run of this import got ahead of this one');
          lineDone = batch.line;
          if (batch.rejections.length)
            await trx
              .insertInto('event_import_rejections')
              .values(
                batch.rejections.map((r) => ({
                  import_id: data.import_id,
                  line: r.line,
                  event_id: r.event_id,
                  code: r.code,
                  fields: JSON.stringify(r.fields),
                })),
              )
              .onConflict((oc) => oc.columns(['import_id', 'line']).doNothing())
              .execute();
        },
      });
      await finish(db, data.import_id, 'done', null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        await finish(db, data.import_id, 'failed', error.message);
        return;
      }
      const last = job.attempt > RETRY.limit;
      if (last) await finish(db, data.import_id, 'failed', `stopped: ${(error as Error).message}`);
      else
        await db
          .updateTable('event_imports')
          .set({ error: `tried again after: ${(error as Error).message}` })
          .where('id', '=', data.import_id)
          .execute();
      throw error;
    }
  },
});

async function finish(db: Db, id: number, status: 'done' | 'failed', error: string | null): Promise<void> {
  // The events now hold what the file said: it is not kept.
  await db
    .updateTable('event_imports')
    .set({ status, error, content: null, finished_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
