import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import type { EmailSettings } from '../email/send-email.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

/** The settings identity operations need beside the database. */
export interface IdentityEnv {
  /** Seals TOTP secrets at rest. */
  secretKey: string;
  /** Links in emails and sign-in URLs start with it. */
  publicUrl: string;
  email: EmailSettings;
  lockoutAttempts: number;
  twoFactorLockoutAttempts: number;
  passwordResetCooldownSeconds: number;
  sessionTtlHours: number;
  twoFactorRecentMinutes: number;
}

/**
 * What an identity write that may send an email is given beside its own arguments: the database
 * (or the caller's transaction), the settings, and the job queue its email job goes through.
 */
export interface IdentityDeps {
  db: Db;
  env: IdentityEnv;
  jobs: JobQueue;
}

/** A write about one user of an affiliate (oneself, or a team member by the owner), by `actor`. */
export interface AffiliateUserWrite {
  db: Db;
  affiliateId: number;
  userId: number;
  actor: Actor;
}

export function identityEnv(config: Config): IdentityEnv {
  if (!config.secretKey) throw new Error('the secret key is not resolved (resolveSecrets runs at start-up)');
  return {
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    email: { smtpUrl: config.identity.smtpUrl, mailFrom: config.identity.mailFrom },
    lockoutAttempts: config.identity.lockoutAttempts,
    twoFactorLockoutAttempts: config.identity.twoFactorLockoutAttempts,
    passwordResetCooldownSeconds: config.identity.passwordResetCooldownSeconds,
    sessionTtlHours: config.sessionTtlHours,
    twoFactorRecentMinutes: config.identity.twoFactorRecentMinutes,
  };
}

import type { Actor } from '../actor.ts';

export { type Actor, SYSTEM } from '../actor.ts';

/** Where emailed links land: pages of the web app that call the API with the token. */
export const links = {
  setPassword: (env: IdentityEnv, token: string) => `${env.publicUrl}/portal/set-password?token=${token}`,
  resetPassword: (env: IdentityEnv, token: string) => `${env.publicUrl}/portal/reset-password?token=${token}`,
  unlock: (env: IdentityEnv, token: string) => `${env.publicUrl}/portal/unlock?token=${token}`,
  staffUnlock: (env: IdentityEnv, token: string) => `${env.publicUrl}/admin/unlock?token=${token}`,
  staffSetPassword: (env: IdentityEnv, token: string) => `${env.publicUrl}/admin/set-password?token=${token}`,
  portalSignIn: (env: IdentityEnv) => `${env.publicUrl}/portal/sign-in`,
  sso: (env: IdentityEnv, token: string) => `${env.publicUrl}/portal/sso?token=${token}`,
};
