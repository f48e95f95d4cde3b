import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { currentTermsVersion, type TermsVersion } from './terms-version.ts';

export interface TermsAcceptance {
  version: number;
  title: string;
  accepted_at: Date;
  /** The user who accepted (their email as it was then). */
  accepted_by: string;
}

export interface AffiliateTerms {
  /** The terms in force; null before the operator published any. */
  current: TermsVersion | null;
  /** When the affiliate accepted the current version; null: not yet. */
  current_accepted_at: Date | null;
  /** A current version exists and the affiliate has not accepted it: the portal asks. */
  acceptance_required: boolean;
  /** Every version the affiliate accepted, newest first. */
  acceptances: TermsAcceptance[];
}

/** An affiliate's standing with the terms: the current version and what it accepted when. */
export async function getAffiliateTerms({
  db,
  affiliateId,
}: {
  db: Db;
  affiliateId: number;
}): Promise<AffiliateTerms> {
  const [found, current, acceptances] = await Promise.all([
    db.selectFrom('affiliates').select('id').where('id', '=', affiliateId).executeTakeFirst(),
    currentTermsVersion(db),
    db
      .selectFrom('terms_acceptances')
      .innerJoin('terms_versions', 'terms_versions.id', 'terms_acceptances.terms_version_id')
      .select([
        'terms_versions.version',
        'terms_versions.title',
        'terms_acceptances.accepted_at',
        'terms_acceptances.user_email as accepted_by',
      ])
      .where('terms_acceptances.affiliate_id', '=', affiliateId)
      .orderBy('terms_versions.version', 'desc')
      .execute(),
  ]);
  if (!found) throw AppError.notFound(`affiliate ${affiliateId}`);
  const accepted = current ? acceptances.find((a) => a.version === current.version) : undefined;
  return {
    current,
    current_accepted_at: accepted?.accepted_at ?? null,
    acceptance_required: current !== null && !accepted,
    acceptances,
  };
}
