import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../../db/index.ts';
import { defineJob } from '../../jobs/job-type.ts';

/**
 * Moves the rollups' pending sums into their folded rows (report_fold(), migration 0052). Writes
 * only append to the pending tables, so concurrent event batches and click flushes never queue on
 * one rollup row; reports read both, so they are exact before and after a fold. One fold at a
 * time: a second one returns at once.
 */
export async function foldRollups(options: { db: Db }): Promise<void> {
  await sql`select report_fold()`.execute(options.db);
}

/** Every minute, so the pending tables a report adds to the folded rows stay small. */
export const foldRollupsJob = defineJob({
  name: 'reports.fold',
  payload: Type.Object({}, { additionalProperties: false }),
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 600,
  singletonKey: () => 'reports.fold',
  schedule: { cron: '* * * * *', data: {} },
  async run(_data, { db }) {
    await foldRollups({ db });
  },
});
