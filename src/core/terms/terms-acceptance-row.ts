// @internal: the one insert of an acceptance, for accept-terms and the sign-up's acceptance.
import type { Db } from '../../db/index.ts';

export interface TermsAcceptor {
  affiliateId: number;
  userId: number;
  email: string;
  ip?: string | null;
}

/** A second acceptance of the same version keeps the first date. */
export async function recordAcceptance(db: Db, by: TermsAcceptor, versionId: number): Promise<void> {
  await db
    .insertInto('terms_acceptances')
    .values({
      affiliate_id: by.affiliateId,
      terms_version_id: versionId,
      affiliate_user_id: by.userId,
      user_email: by.email,
      ip: by.ip ?? null,
    })
    .onConflict((oc) => oc.columns(['affiliate_id', 'terms_version_id']).doNothing())
    .execute();
}
