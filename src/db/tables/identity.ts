import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

/** jsonb: read as parsed JSON, written as a JSON string (both drivers agree on that). */
export type Json<T> = ColumnType<T, string | undefined, string>;

/** Columns 0004 adds to tables of other features (affiliate_users, staff_users). */
export interface IdentityAffiliateUserColumns {
  email_subscriptions: Generated<string[]>;
  last_sign_in_at: Date | null;
  last_sign_in_ip: string | null;
  failed_sign_in_count: Generated<number>;
  locked_at: Date | null;
  password_changed_at: Date | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_counter: bigint | null;
  statistic_token: string | null;
  statistic_token_created_at: Date | null;
  /** From 0006: wrong second-factor codes in a row. */
  two_factor_failed_count: Generated<number>;
}

export interface IdentityStaffColumns {
  managed_affiliates_only: Generated<boolean>;
  /** From 0006: failed sign-ins in a row, and when they locked the account. */
  failed_sign_in_count: Generated<number>;
  locked_at: Date | null;
}

export interface AffiliateSessionsTable {
  id: Generated<number>;
  token_hash: string;
  affiliate_user_id: number;
  method: 'password' | 'sso';
  created_by_staff_id: number | null;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Date;
  two_factor_verified_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AffiliateRecoveryCodesTable {
  id: Generated<number>;
  affiliate_user_id: number;
  code_hash: string;
  created_at: CreatedAt;
  used_at: Date | null;
}

export type IdentityTokenPurpose = 'set_password' | 'reset_password' | 'unlock';

export interface IdentityTokensTable {
  token_hash: string;
  purpose: IdentityTokenPurpose;
  affiliate_user_id: number | null;
  staff_user_id: number | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface SsoLoginLinksTable {
  token_hash: string;
  affiliate_id: number;
  created_by_staff_id: number | null;
  created_by_api_key_id: number | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
  used_by_user_id: number | null;
}

export interface AffiliateApiKeysTable {
  id: Generated<number>;
  affiliate_id: number;
  affiliate_user_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  created_by_user_id: number | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type EventActorType = ActorType;

export interface AffiliateEventsTable {
  id: Generated<bigint>;
  affiliate_id: number;
  type: string;
  affiliate_user_id: number | null;
  actor_type: EventActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  data: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: CreatedAt;
}

export interface EmailMessagesTable {
  id: Generated<bigint>;
  template: string;
  to_address: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  transport: 'outbox' | 'smtp';
  status: Generated<'stored' | 'sent' | 'failed'>;
  error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
  /** The email.send job that wrote it (0012): a retry or a re-run after a crash finds its row. */
  job_id: string | null;
  /** Name and size of each file sent with it (0053). */
  attachments: ColumnType<{ filename: string; bytes: number }[], string | undefined, string>;
}

export interface PlatformSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: CreatedAt;
  updated_by_staff_id: number | null;
}

export interface IdentityTables {
  affiliate_sessions: AffiliateSessionsTable;
  affiliate_recovery_codes: AffiliateRecoveryCodesTable;
  identity_tokens: IdentityTokensTable;
  sso_login_links: SsoLoginLinksTable;
  affiliate_api_keys: AffiliateApiKeysTable;
  affiliate_events: AffiliateEventsTable;
  email_messages: EmailMessagesTable;
  platform_settings: PlatformSettingsTable;
}

// The columns 0004 and 0006 add to other features' tables join their interfaces here.
declare module './affiliates.ts' {
  interface AffiliateUsersTable extends IdentityAffiliateUserColumns {}
}
declare module './foundation.ts' {
  interface StaffUsersTable extends IdentityStaffColumns {}
}
