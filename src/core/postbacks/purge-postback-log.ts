import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';

/**
 * Deletes attempts older than `days`, and the finished deliveries no attempt is left of: the only
 * deletion the append-only log allows. Returns how many attempts went.
 */
export async function purgePostbackLog(options: { db: Db; days: number; now?: Date }): Promise<number> {
  const before = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const gone = await options.db
    .deleteFrom('postback_attempts')
    .where('attempted_at', '<', before)
    .executeTakeFirst();
  await sql`delete from postback_deliveries d
    where d.state in ('delivered', 'failed') and d.created_at < ${before}
      and not exists (select 1 from postback_attempts a where a.delivery_id = d.id)`.execute(options.db);
  return Number(gone.numDeletedRows);
}
