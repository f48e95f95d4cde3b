import type { Db } from '../../../db/index.ts';

export interface ActingOperator {
  id: number;
  name: string;
  email: string;
}

/**
 * The staff user who opened a portal session with "sign in as affiliate" (a single sign-on link
 * they created), or null for the affiliate's own sign-in: the portal names them in a banner.
 */
export async function sessionOpenedBy(db: Db, sessionId: number | null): Promise<ActingOperator | null> {
  if (sessionId === null) return null;
  const row = await db
    .selectFrom('affiliate_sessions as s')
    .innerJoin('staff_users as st', 'st.id', 's.created_by_staff_id')
    .select(['st.id', 'st.name', 'st.email'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  return row ?? null;
}
