import type { Db } from '../../../db/index.ts';

/**
 * Turns the queueing of rows for ClickHouse on or off (at start, from ANALYTICS_URL). Off, the
 * triggers queue nothing; rows already queued stay and are copied once it is on again. Every
 * process of an installation must have the same ANALYTICS_URL: the last one to start decides.
 */
export async function setAnalyticsEnabled(options: { db: Db; enabled: boolean }): Promise<void> {
  await options.db.updateTable('analytics_state').set({ enabled: options.enabled }).execute();
}
