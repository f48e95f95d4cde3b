import type { AffiliateStatus } from '../affiliates/status.ts';

/** Affiliate statuses whose users may use the portal and the partner API. */
export const PORTAL_STATUSES: readonly AffiliateStatus[] = ['active', 'view_only'];

/** Who calls the partner API: a user of one affiliate, through a portal session or an API key. */
export interface PartnerPrincipal {
  via: 'session' | 'api_key' | 'statistic_token';
  sessionId: number | null;
  apiKeyId: number | null;
  /** When the session last proved a second factor (sign-in with a code, or a step-up check). */
  twoFactorVerifiedAt: Date | null;
  user: {
    id: number;
    affiliate_id: number;
    email: string;
    first_name: string;
    last_name: string;
    is_owner: boolean;
    two_factor_enabled: boolean;
  };
  affiliate: {
    id: number;
    name: string;
    status: AffiliateStatus;
    api_access_enabled: boolean;
  };
}

/** The columns every principal lookup selects (user `u`, affiliate `a`). */
export const PRINCIPAL_COLUMNS = [
  'u.id as user_id',
  'u.affiliate_id',
  'u.email',
  'u.first_name',
  'u.last_name',
  'u.is_owner',
  'u.status as user_status',
  'u.locked_at',
  'u.totp_enabled_at',
  'a.name as affiliate_name',
  'a.status as affiliate_status',
  'a.api_access_enabled',
] as const;

export interface PrincipalRow {
  user_id: number;
  affiliate_id: number;
  email: string;
  first_name: string;
  last_name: string;
  is_owner: boolean;
  user_status: string;
  locked_at: Date | null;
  totp_enabled_at: Date | null;
  affiliate_name: string;
  affiliate_status: AffiliateStatus;
  api_access_enabled: boolean;
}

/** A user may act only while active, unlocked, and their affiliate is approved for the portal. */
export function mayAct(row: PrincipalRow): boolean {
  return (
    row.user_status === 'active' && row.locked_at === null && PORTAL_STATUSES.includes(row.affiliate_status)
  );
}

export function toPrincipal(
  row: PrincipalRow,
  via: Pick<PartnerPrincipal, 'via' | 'sessionId' | 'apiKeyId' | 'twoFactorVerifiedAt'>,
): PartnerPrincipal {
  return {
    ...via,
    user: {
      id: row.user_id,
      affiliate_id: row.affiliate_id,
      email: row.email,
      first_name: row.first_name,
      last_name: row.last_name,
      is_owner: row.is_owner,
      two_factor_enabled: row.totp_enabled_at !== null,
    },
    affiliate: {
      id: row.affiliate_id,
      name: row.affiliate_name,
      status: row.affiliate_status,
      api_access_enabled: row.api_access_enabled,
    },
  };
}
