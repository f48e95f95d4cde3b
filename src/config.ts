import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  logLevel: LogLevel;
  publicUrl: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  secretKey: string | undefined;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  setupTokenTtlHours: number;
  tracking: TrackingConfig;
  identity: IdentityConfig;
  jobs: JobsConfig;
  postbacks: PostbacksConfig;
  /**
   * Requested reports: how long their files are kept (REPORTS_RETENTION_DAYS). Which store
   * answers reports when ANALYTICS_URL is set (REPORTS_SOURCE): `auto` ClickHouse when it answers
   * the report and its copy is current, `postgres` always PostgreSQL, `clickhouse` ClickHouse even
   * while the copy lags (reports it cannot answer exactly still read PostgreSQL).
   */
  reports: { retentionDays: number; source: 'auto' | 'postgres' | 'clickhouse' };
  /** Commission Factory's API: calls per API key in a rolling minute and day (0 = off). */
  commissionFactory: { callsPerMinute: number; callsPerDay: number };
  /** Everflow's API: calls per API key in a 30-second window (0 = off). */
  everflow: { callsPer30Seconds: number };
  /** Smartico's API: calls per API key in a 60-second window (0 = off). */
  smartico: { callsPerMinute: number };
  /** The ClickHouse analytics store (ANALYTICS_URL); undefined: everything stays on PostgreSQL. */
  analytics: AnalyticsConfig | undefined;
}

/** A bad variable: `message` is the one line printed before the process stops. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${raw}")`);
  }
  return raw;
}

/** Reads and validates every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const secretKey = env.SECRET_KEY || undefined;
  if (secretKey !== undefined && secretKey.length < 32) {
    throw new ConfigError('SECRET_KEY must be at least 32 characters long');
  }
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolMax: int(env, 'DATABASE_POOL_MAX', 10, 1, 1000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    cookieSecure: bool(env, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
    secretKey,
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 8000, 100, 600_000),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    setupTokenTtlHours: int(env, 'SETUP_TOKEN_TTL_HOURS', 24, 1, 24 * 30),
    tracking: loadTrackingConfig(env, publicUrl.replace(/\/+$/, '')),
    identity: loadIdentityConfig(env),
    jobs: loadJobsConfig(env),
    postbacks: loadPostbacksConfig(env),
    reports: {
      retentionDays: int(env, 'REPORTS_RETENTION_DAYS', 30, 1, 3650),
      source: oneOf(env, 'REPORTS_SOURCE', ['auto', 'postgres', 'clickhouse'], 'auto'),
    },
    // Commission Factory's documented limits, so a migrated integration is paced as it was.
    commissionFactory: {
      callsPerMinute: int(env, 'COMMISSION_FACTORY_CALLS_PER_MINUTE', 30, 0, 100_000_000),
      callsPerDay: int(env, 'COMMISSION_FACTORY_CALLS_PER_DAY', 1000, 0, 100_000_000),
    },
    // Everflow's documented network quota, 30 calls a second counted in 30-second windows.
    everflow: { callsPer30Seconds: int(env, 'EVERFLOW_CALLS_PER_30_SECONDS', 900, 0, 100_000_000) },
    // Smartico documents none; af2_aff_op recomputes balances, so 5 a second on average.
    smartico: { callsPerMinute: int(env, 'SMARTICO_CALLS_PER_MINUTE', 300, 0, 100_000_000) },
    analytics: loadAnalyticsConfig(env),
  };
}

/** A ClickHouse server over HTTP: where the copy of clicks, events and commissions goes. */
export interface AnalyticsConfig {
  /** The HTTP endpoint without credentials or path: `http://host:8123`. */
  url: string;
  username: string;
  password: string;
  database: string;
  /** Raw clicks are dropped by ClickHouse after this many days (0 = kept); rollups stay. */
  clickTtlDays: number;
  /** Rows per insert, and the longest wait before a smaller batch is written. */
  batchRows: number;
  flushIntervalMs: number;
  /** Every statement is cancelled on the server after this long. */
  queryTimeoutMs: number;
}

function loadAnalyticsConfig(env: Env): AnalyticsConfig | undefined {
  const raw = url(env, 'ANALYTICS_URL', ['http:', 'https:']);
  if (raw === undefined) return undefined;
  const parsed = new URL(raw);
  const database = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, '')) || 'default';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) {
    throw new ConfigError(
      `ANALYTICS_URL's path must be a database name of letters, digits and _ (got "${database}")`,
    );
  }
  return {
    url: `${parsed.protocol}//${parsed.host}`,
    username: decodeURIComponent(parsed.username) || 'default',
    password: decodeURIComponent(parsed.password),
    database,
    clickTtlDays: int(env, 'ANALYTICS_CLICK_TTL_DAYS', 400, 0, 36_500),
    batchRows: int(env, 'ANALYTICS_BATCH_ROWS', 10_000, 1, 500_000),
    flushIntervalMs: int(env, 'ANALYTICS_FLUSH_INTERVAL_MS', 2000, 10, 3_600_000),
    queryTimeoutMs: int(env, 'ANALYTICS_QUERY_TIMEOUT_MS', 30_000, 100, 3_600_000),
  };
}

/** The click redirect (/c/<code>), impressions (/i/<code>) and their write buffer. */
export interface TrackingConfig {
  /** Where unknown or disabled tracking codes are sent. */
  fallbackUrl: string;
  /** Lifetime of the first-party cookie holding the click id. */
  cookieDays: number;
  /** full: store the address; anonymized: zero the host part (IPv4 /24, IPv6 /48); none: drop it. */
  ipMode: 'full' | 'anonymized' | 'none';
  /** A MaxMind GeoIP2/GeoLite2 Country or City database; without it clicks have no country. */
  geoipFile: string | undefined;
  /** Clicks held in memory at most; beyond it new clicks are redirected but not recorded (counted). */
  bufferMax: number;
  flushIntervalMs: number;
  flushBatch: number;
  /** Full reload of the promo cache, a safety net beside change notifications; 0 turns it off. */
  cacheResyncSeconds: number;
}

function loadTrackingConfig(env: Env, publicUrl: string): TrackingConfig {
  const geoip = env.TRACKING_GEOIP_FILE || undefined;
  return {
    fallbackUrl: url(env, 'TRACKING_FALLBACK_URL', ['http:', 'https:']) ?? `${publicUrl}/`,
    cookieDays: int(env, 'TRACKING_COOKIE_DAYS', 30, 1, 730),
    ipMode: oneOf(env, 'TRACKING_IP_MODE', ['full', 'anonymized', 'none'], 'full'),
    geoipFile: geoip ? path.resolve(geoip) : undefined,
    bufferMax: int(env, 'TRACKING_BUFFER_MAX', 100_000, 10, 10_000_000),
    flushIntervalMs: int(env, 'TRACKING_FLUSH_INTERVAL_MS', 50, 5, 3_600_000),
    flushBatch: int(env, 'TRACKING_FLUSH_BATCH', 1000, 1, 10_000),
    cacheResyncSeconds: int(env, 'TRACKING_CACHE_RESYNC_SECONDS', 300, 0, 86_400),
  };
}

/** Email, sign-in protection and API rate limits. A limit of 0 turns that limit off. */
export interface IdentityConfig {
  /** smtp:// or smtps:// URL; without it messages go to the development outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Failed sign-ins in a row that lock an affiliate user's or a staff user's account. */
  lockoutAttempts: number;
  /** Wrong second-factor codes in a row (any check) that lock an affiliate user's account. */
  twoFactorLockoutAttempts: number;
  /** The least time between two password reset emails (and sign-up notices) to one address; 0 = off. */
  passwordResetCooldownSeconds: number;
  /** Failed sign-ins allowed per address and per account within the window, before 429. */
  signInFailuresPerIp: number;
  signInFailuresPerAccount: number;
  signInFailureWindowSeconds: number;
  /** How long a 2FA check stays fresh for financial actions. */
  twoFactorRecentMinutes: number;
  /** Requests per window to /api/*: by API key, by signed-in session, by address otherwise. */
  rateLimitWindowSeconds: number;
  rateLimitPerKey: number;
  rateLimitPerUser: number;
  rateLimitPerIp: number;
  /** argon2id cost of new password hashes (a stored hash carries its own cost when verified). */
  passwordHash: PasswordHashCost;
}

export interface PasswordHashCost {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

function loadIdentityConfig(env: Env): IdentityConfig {
  return {
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Affluent <no-reply@localhost>',
    lockoutAttempts: int(env, 'LOCKOUT_ATTEMPTS', 5, 1, 100),
    twoFactorLockoutAttempts: int(env, 'TWO_FACTOR_LOCKOUT_ATTEMPTS', 5, 1, 100),
    passwordResetCooldownSeconds: int(env, 'PASSWORD_RESET_COOLDOWN_SECONDS', 300, 0, 86_400),
    signInFailuresPerIp: int(env, 'SIGN_IN_FAILURES_PER_IP', 30, 0, 100_000),
    signInFailuresPerAccount: int(env, 'SIGN_IN_FAILURES_PER_ACCOUNT', 10, 0, 100_000),
    signInFailureWindowSeconds: int(env, 'SIGN_IN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    twoFactorRecentMinutes: int(env, 'TWO_FACTOR_RECENT_MINUTES', 15, 1, 24 * 60),
    rateLimitWindowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    rateLimitPerKey: int(env, 'RATE_LIMIT_PER_KEY', 30_000, 0, 100_000_000),
    rateLimitPerUser: int(env, 'RATE_LIMIT_PER_USER', 1200, 0, 100_000_000),
    rateLimitPerIp: int(env, 'RATE_LIMIT_PER_IP', 600, 0, 100_000_000),
    // argon2's own defaults (64 MiB, 3 passes, 4 lanes); the test suites lower them.
    passwordHash: {
      memoryKib: int(env, 'PASSWORD_HASH_MEMORY_KIB', 65_536, 1024, 4_194_304),
      timeCost: int(env, 'PASSWORD_HASH_TIME_COST', 3, 1, 100),
      parallelism: int(env, 'PASSWORD_HASH_PARALLELISM', 4, 1, 64),
    },
  };
}

/** The background job queue (src/core/jobs). */
export interface JobsConfig {
  /** Run workers, maintenance and cron in this process; off for web-only processes (they still enqueue). */
  enabled: boolean;
  /** Jobs of each type this process runs at once. */
  workers: number;
  /**
   * AFFLUENT_TEST_JOBS=1 registers the test-only job types (src/core/jobs/test-jobs.ts) so a test
   * can drive real server processes with jobs of its own; nothing in production sets it.
   */
  testJobs: boolean;
}

function loadJobsConfig(env: Env): JobsConfig {
  return {
    enabled: bool(env, 'JOBS_ENABLED', true),
    workers: int(env, 'JOBS_WORKERS', 2, 1, 100),
    testJobs: bool(env, 'AFFLUENT_TEST_JOBS', false),
  };
}

/** Postback deliveries (src/core/postbacks). */
export interface PostbacksConfig {
  /** Deliver to private, loopback and link-local addresses too: development and tests only. */
  allowPrivate: boolean;
  /** Days the delivery log keeps attempts; the daily cleanup deletes older ones. */
  logRetentionDays: number;
  /** Requests in flight per affiliate in one process, so one slow tracker cannot hold up others. */
  affiliateConcurrency: number;
  /** Send postbacks from a worker thread of their own, off the thread that serves the API. */
  senderThread: boolean;
}

function loadPostbacksConfig(env: Env): PostbacksConfig {
  return {
    allowPrivate: bool(env, 'POSTBACKS_ALLOW_PRIVATE', false),
    logRetentionDays: int(env, 'POSTBACK_LOG_RETENTION_DAYS', 90, 1, 3650),
    affiliateConcurrency: int(env, 'POSTBACKS_AFFILIATE_CONCURRENCY', 8, 1, 1000),
    senderThread: bool(env, 'POSTBACKS_SENDER_THREAD', true),
  };
}
