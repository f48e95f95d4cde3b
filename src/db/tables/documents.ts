import type { Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type DocumentKind = 'identity' | 'proof_of_address' | 'company_registration' | 'tax_form' | 'other';
export type DocumentStatus = 'pending' | 'approved' | 'declined';

export interface AffiliateDocumentsTable {
  id: Generated<number>;
  affiliate_id: number;
  kind: DocumentKind;
  description: string | null;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  status: Generated<DocumentStatus>;
  decision_comment: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: string;
  created_at: CreatedAt;
}

/** Documents affiliates upload for verification (migration 0101). */
export interface DocumentTables {
  affiliate_documents: AffiliateDocumentsTable;
}
