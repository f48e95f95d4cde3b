import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type AffiliateTerms, getAffiliateTerms } from './get-affiliate-terms.ts';
import { recordAcceptance, type TermsAcceptor } from './terms-acceptance-row.ts';
import { currentTermsVersion } from './terms-version.ts';

/**
 * Records that the affiliate accepted the current terms. `version` is the one the user read: a
 * newer one published meanwhile is refused, so nobody accepts a text they were not shown. Accepting
 * again keeps the first date.
 */
export async function acceptTerms({
  db,
  by,
  version,
}: {
  db: Db;
  by: TermsAcceptor;
  version: number;
}): Promise<AffiliateTerms> {
  await inTransaction(db, async (trx) => {
    const current = await currentTermsVersion(trx);
    if (!current) throw AppError.field('version', 'no terms are published yet');
    if (current.version !== version)
      throw AppError.field(
        'version',
        `is not the current terms: version ${current.version} is, read it and accept that one`,
      );
    await recordAcceptance(trx, by, current.id);
  });
  return getAffiliateTerms({ db, affiliateId: by.affiliateId });
}
