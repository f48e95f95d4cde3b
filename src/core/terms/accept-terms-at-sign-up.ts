import type { Db } from '../../db/index.ts';
import { recordAcceptance, type TermsAcceptor } from './terms-acceptance-row.ts';
import { currentTermsVersion } from './terms-version.ts';

export type { TermsAcceptor };

/**
 * At sign-up the applicant ticks the box for the terms in force: that version is recorded in the
 * sign-up's transaction (pass it as `db`). Returns the version, or null while none is published.
 */
export async function acceptTermsAtSignUp(db: Db, by: TermsAcceptor): Promise<number | null> {
  const current = await currentTermsVersion(db);
  if (!current) return null;
  await recordAcceptance(db, by, current.id);
  return current.version;
}
