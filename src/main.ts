import pino from 'pino';
import { fail, loadConfigOrExit, openDatabaseOrExit } from './boot.ts';
import { ConfigError } from './config.ts';
import { openAnalyticsStore } from './core/analytics/analytics-store.ts';
import { scheduleAnalyticsCopy } from './core/analytics/copy/schedule-analytics-copy.ts';
import { setAnalyticsEnabled } from './core/analytics/copy/set-analytics-enabled.ts';
import { applyAnalyticsSchema } from './core/analytics/schema/apply-analytics-schema.ts';
import { issueSetupToken } from './core/auth/setup.ts';
import { JobQueue } from './core/jobs/job-queue.ts';
import { platformJobTypes } from './core/jobs/job-types.ts';
import { threadSender } from './core/postbacks/sender.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { VERSION } from './version.ts';

const config = loadConfigOrExit();
const logger = pino({
  level: config.logLevel,
  hooks: {
    // Fastify announces each address at info; the start lines below already say where we are.
    logMethod(args, method, level) {
      const [message] = args;
      if (level === 30 && typeof message === 'string' && message.startsWith('Server listening at ')) {
        return this.debug(message);
      }
      return method.apply(this, args);
    },
  },
});
const database = await openDatabaseOrExit(config);

try {
  const ran = await migrate(database.db);
  if (ran.length) logger.info({ migrations: ran }, 'applied migrations');
} catch (error) {
  await database.close();
  fail(`database migration failed: ${(error as Error).message}`);
}

// ClickHouse is optional and may be down: the platform starts without it, and what is written
// meanwhile waits in the outbox.
const analytics = config.analytics ? openAnalyticsStore(config.analytics) : undefined;
await setAnalyticsEnabled({ db: database.db, enabled: analytics !== undefined });

const types = platformJobTypes();
if (config.jobs.testJobs) types.add(...(await import('./core/jobs/test-jobs.ts')).testJobTypes);
const jobs = new JobQueue({ config, database, types, logger, ...(analytics ? { analytics } : {}) });
try {
  await jobs.start();
} catch (error) {
  await database.close();
  fail(`the job queue did not start: ${(error as Error).message}`);
}

const app = await buildApp({
  config,
  database,
  jobs,
  logger,
  web: true,
  ...(analytics ? { analytics } : {}),
});

const stopAnalyticsCopy = config.analytics
  ? scheduleAnalyticsCopy({ db: database.db, jobs, intervalMs: config.analytics.flushIntervalMs })
  : undefined;
if (analytics) {
  applyAnalyticsSchema({ store: analytics }).then(
    (ran) => ran.length && logger.info({ migrations: ran }, 'applied analytics migrations'),
    (error: unknown) => logger.error({ err: error }, 'the analytics schema could not be applied'),
  );
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  timer.unref();
  stopAnalyticsCopy?.();
  try {
    // Jobs in flight get most of the budget to finish; what is still running then is given back
    // (retried later, here or by another process) before the database closes.
    await Promise.all([app.close(), jobs.stop(Math.floor(config.shutdownTimeoutMs * 0.75))]);
    // After the jobs, which wait for the requests they handed to the sending thread.
    await threadSender.close();
    await analytics?.close();
    await database.close();
    logger.flush();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  await jobs.stop(0);
  await database.close();
  // The app's start (onReady: e.g. opening TRACKING_GEOIP_FILE) can refuse the configuration too.
  if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
  fail(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
}

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const base = config.publicUrl.replace(`:${config.port}`, `:${port}`);
const storage = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
process.stdout.write(`Affluent ${VERSION} is running at ${base}/ (${storage}); API docs at ${base}/docs\n`);
const setupToken = await issueSetupToken({ db: database.db, ttlHours: config.setupTokenTtlHours });
if (setupToken) {
  process.stdout.write(
    `No administrator yet. Create one here (link works once): ${base}/setup?token=${setupToken}\n`,
  );
}
