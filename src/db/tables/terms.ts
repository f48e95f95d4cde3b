import type { Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export interface TermsVersionsTable {
  id: Generated<number>;
  version: number;
  title: string;
  body: string;
  summary: Generated<string>;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  published_at: CreatedAt;
}

export interface TermsAcceptancesTable {
  affiliate_id: number;
  terms_version_id: number;
  affiliate_user_id: number | null;
  user_email: Generated<string>;
  ip: string | null;
  accepted_at: CreatedAt;
}

/** Versioned terms and conditions and who accepted which (migration 0075). */
export interface TermsTables {
  terms_versions: TermsVersionsTable;
  terms_acceptances: TermsAcceptancesTable;
}
