import { Type } from 'typebox';
import { Nullable, NullableTimestamp, Timestamp } from './common.ts';

export const TERMS_HELP =
  'The terms and conditions are versioned: publishing makes a new version the current terms, a published version is never changed, and each affiliate accepts a version (at sign-up, then each new one in the portal).';

export const TermsVersion = Type.Object({
  id: Type.Integer(),
  version: Type.Integer({ description: '1, 2, 3, ... in the order published; the highest is in force' }),
  title: Type.String(),
  body: Type.String({ description: 'The text of the terms (plain text; blank lines separate paragraphs)' }),
  summary: Type.String({ description: 'What changed since the previous version; may be empty' }),
  published_at: Timestamp,
  published_by: Type.String({ description: 'Who published it, as the logs name them' }),
});

export const TermsAcceptance = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  accepted_at: Timestamp,
  accepted_by: Type.String({ description: "The accepting user's email" }),
});

export const AffiliateTerms = Type.Object({
  current: Nullable(TermsVersion),
  current_accepted_at: NullableTimestamp,
  acceptance_required: Type.Boolean({
    description: 'A version is in force and the affiliate has not accepted it',
  }),
  acceptances: Type.Array(TermsAcceptance, { description: 'Every version accepted, newest first' }),
});

export const TermsVersionParams = Type.Object({
  version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
