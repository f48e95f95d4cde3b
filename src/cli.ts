import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fail, loadConfigOrExit, openDatabaseOrExit } from './boot.ts';
import type { Config } from './config.ts';
import { CLI } from './core/actor.ts';
import { openAnalyticsStore } from './core/analytics/analytics-store.ts';
import { backfillAnalytics } from './core/analytics/copy/backfill-analytics.ts';
import { applyAnalyticsSchema } from './core/analytics/schema/apply-analytics-schema.ts';
import { recordOperatorChange } from './core/audit/record-operator-change.ts';
import { createAdmin } from './core/auth/create-admin.ts';
import { createApiKey } from './core/auth/create-api-key.ts';
import { listApiKeys } from './core/auth/list-api-keys.ts';
import { setPasswordHashCost } from './core/auth/passwords.ts';
import { revokeApiKey } from './core/auth/revoke-api-key.ts';
import { loadDemo } from './core/demo/load-demo.ts';
import { AppError } from './core/errors.ts';
import { type ImportRejection, importEvents } from './core/events/imports/import-events.ts';
import { checkHistory } from './core/history/check-history.ts';
import { secretOf } from './core/history/history-jobs.ts';
import { rotateSigningKey } from './core/history/signing-keys.ts';
import type { Db } from './db/index.ts';
import { migrate } from './db/migrate.ts';

const USAGE = `usage: npm run cli -- <command>

  migrate                                          apply pending database migrations
  admins create --email <e> --password <p> [--name <n>]
  api-keys create --name <n> --scopes <s1,s2>      scopes: read, write, finance, admin, support
  api-keys list [--all]                            --all includes revoked keys
  api-keys revoke <id>
  import-events <file.csv> [--dry-run]             import historical events (and so customers) from
                                                   CSV, columns named as the event API's fields;
                                                   --dry-run records everything, then rolls it back
  demo [--clicks <n>]                              load a demo program into an empty installation
                                                   (brands, links, banners, affiliates, campaigns,
                                                   promos and clicks over the last 30 days)
  analytics backfill [--from <date>] [--to <date>]
                                                   copy the history the streaming copy never carried
                                                   (written while ANALYTICS_URL was unset) to
                                                   ClickHouse, days in UTC (--to inclusive); safe to
                                                   run again or beside the running platform
  history check [--affiliate <id>]                 check every history chain against the database
  history rotate-key                               retire the signing key, sign with a new one
  verify <statement.json> [--keys <file|url>]      verify a bill statement or chain export (no
                                                   database needed: the same check affiliates run
                                                   with verifier/verify-statement.mjs)`;

type Command = (db: Db, args: string[], config: Config) => Promise<void>;

const out = (line: string) => process.stdout.write(`${line}\n`);

function options(args: string[], spec: Record<string, 'string' | 'boolean'>) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }])),
  });
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') fail(`--${name} is required\n${USAGE}`);
  return value;
}

function day(values: Record<string, unknown>, name: string): Date | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const at =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!at || Number.isNaN(at.getTime())) fail(`--${name} must be a date (YYYY-MM-DD)\n${USAGE}`);
  return at;
}

const commands: Record<string, Command> = {
  'analytics backfill': async (db, args, config) => {
    const { values } = options(args, { from: 'string', to: 'string' });
    const from = day(values, 'from');
    const last = day(values, 'to');
    // --to names the last day copied.
    const to = last && new Date(last.getTime() + 86_400_000);
    if (!config.analytics) fail('analytics backfill needs ANALYTICS_URL (the ClickHouse store)');
    const store = openAnalyticsStore(config.analytics);
    try {
      await applyAnalyticsSchema({ store });
      let shown = 0;
      const result = await backfillAnalytics({
        db,
        store,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        // Progress on stderr, at most a line a second per source; the summary on stdout.
        onPage: (p) => {
          if (p.seconds - shown < 1) return;
          shown = p.seconds;
          process.stderr.write(
            `${p.source}: ${p.read} rows read, ${p.copied} copied, ${Math.round(p.read / Math.max(p.seconds, 0.001))} rows/s\n`,
          );
        },
      });
      for (const [source, n] of Object.entries(result.sources))
        out(
          `${source}: ${n.read} read, ${n.copied} copied (${n.read - n.copied} already in ClickHouse or queued)`,
        );
      out(
        `backfilled ${result.copied} of ${result.read} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.read / Math.max(result.seconds, 0.001))} rows/s)`,
      );
    } finally {
      await store.close();
    }
  },
  'history check': async (db, args) => {
    const { values } = options(args, { affiliate: 'string' });
    const affiliateId = values.affiliate === undefined ? undefined : Number(values.affiliate);
    if (affiliateId !== undefined && !(Number.isInteger(affiliateId) && affiliateId > 0))
      fail(`--affiliate must be an affiliate's id\n${USAGE}`);
    const result = await checkHistory({ db, ...(affiliateId ? { affiliateId } : {}) });
    for (const p of result.problems) out(`affiliate ${p.affiliate_id}: ${p.message}`);
    out(
      `${result.affiliates} chains, ${result.links} records checked, ${result.problems.length} with a problem`,
    );
    if (result.problems.length) process.exitCode = 1;
  },
  'history rotate-key': async (db, _args, config) => {
    const result = await db.transaction().execute(async (trx) => {
      const rotated = await rotateSigningKey({ db: trx, secretKey: secretOf(config.secretKey) });
      const detail = { retired: rotated.retired };
      await recordOperatorChange(trx, {
        entity: 'history_signing_key',
        id: rotated.active,
        action: 'rotated',
        actor: CLI,
        detail,
      });
      return rotated;
    });
    out(
      `signing with ${result.active}${result.retired ? `; ${result.retired} retired, still published` : ''}`,
    );
  },
  migrate: async (db) => {
    const ran = await migrate(db);
    out(ran.length ? `applied ${ran.join(', ')}` : 'database is up to date');
  },
  'admins create': async (db, args) => {
    const { values } = options(args, { email: 'string', password: 'string', name: 'string' });
    const admin = await createAdmin({
      db,
      input: {
        email: required(values, 'email'),
        password: required(values, 'password'),
        name: values.name as string | undefined,
      },
    });
    out(`created administrator ${admin.email} (id ${admin.id})`);
  },
  'api-keys create': async (db, args) => {
    const { values } = options(args, { name: 'string', scopes: 'string' });
    const scopes = required(values, 'scopes').split(',');
    const input = { name: required(values, 'name'), scopes };
    const { key, apiKey } = await createApiKey({ db, actor: CLI, input });
    out(
      `created API key ${apiKey.id} "${apiKey.name}" with scopes ${apiKey.scopes.join(',')}; it is shown only now:`,
    );
    out(key);
  },
  'api-keys list': async (db, args) => {
    const { values } = options(args, { all: 'boolean' });
    const keys = await listApiKeys(db, { includeRevoked: values.all === true });
    if (keys.length === 0) out('no API keys');
    for (const k of keys) {
      const state = k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : 'active';
      out(`${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(',')}\t${state}`);
    }
  },
  'api-keys revoke': async (db, args) => {
    const id = Number(options(args, {}).positionals[0]);
    if (!Number.isInteger(id) || id < 1) fail(`api-keys revoke needs the key's id\n${USAGE}`);
    const key = await revokeApiKey({ db, actor: CLI, id });
    out(`revoked API key ${key.id} "${key.name}"`);
  },
  'import-events': async (db, args) => {
    const { values, positionals } = options(args, { 'dry-run': 'boolean' });
    const file = positionals[0];
    if (!file) fail(`import-events needs the CSV file\n${USAGE}`);
    if (!fs.existsSync(file)) fail(`${file}: no such file`);
    const dryRun = values['dry-run'] === true;
    const SHOWN = 100;
    const rejections: ImportRejection[] = [];
    const rate = (rows: number, seconds: number) => Math.round(rows / Math.max(seconds, 0.001));
    // Progress on stderr, a line per batch of 1,000 rows; the summary on stdout.
    const run = await importEvents({
      db,
      actor: CLI,
      source: fs.createReadStream(file),
      dryRun,
      onBatch: async (_trx, batch, so) => {
        for (const r of batch.rejections) if (rejections.length < SHOWN) rejections.push(r);
        process.stderr.write(
          `${so.rows} rows done, ${so.rejected} rejected, ${rate(so.rows, so.seconds)} rows/s\n`,
        );
      },
    });
    out(
      `${dryRun ? 'dry run, nothing kept: would have imported' : 'imported'} ${run.rows} rows in ${run.seconds.toFixed(1)} s (${rate(run.rows, run.seconds)} rows/s): ${run.created} created, ${run.duplicates} duplicates, ${run.rejected} rejected`,
    );
    for (const r of rejections)
      out(`line ${r.line}: ${r.fields.map((f) => `${f.path} ${f.message}`).join('; ')}`);
    if (run.rejected > rejections.length) out(`… and ${run.rejected - rejections.length} more rejected rows`);
  },
  demo: async (db, args, config) => {
    const { values } = options(args, { clicks: 'string' });
    const clicks = values.clicks === undefined ? 4000 : Number(values.clicks);
    if (!Number.isInteger(clicks) || clicks < 0 || clicks > 1_000_000)
      fail(`--clicks must be a whole number from 0 to 1000000\n${USAGE}`);
    out('loading the demo program…');
    const demo = await loadDemo({ db, dataDir: config.dataDir, publicUrl: config.publicUrl, clicks });
    out(
      `loaded ${demo.brands} brands, ${demo.destination_links} destination links, ${demo.banners} banners, ${demo.affiliates} affiliates, ${demo.campaigns} campaigns, ${demo.promos} promos and ${demo.clicks} clicks over the last 30 days`,
    );
    out(`affiliate portal users (password ${demo.password}), at ${config.publicUrl}/portal:`);
    for (const user of demo.users) out(`  ${user.email}\t${user.affiliate}`);
  },
};

const argv = process.argv.slice(2);
if (argv[0] === 'verify') {
  // The affiliate's check: the standalone verifier, without configuration or database.
  const { main } = await import('../verifier/verify-statement.mjs');
  process.exit(await main(argv.slice(1)));
}
const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((n) => n in commands);
if (!name) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 1);
}

const config = loadConfigOrExit();
setPasswordHashCost(config.identity.passwordHash);
const database = await openDatabaseOrExit(config);
let problem: string | undefined;
try {
  if (name !== 'migrate') await migrate(database.db);
  await commands[name]!(database.db, argv.slice(name.split(' ').length), config);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (error instanceof AppError) problem = error.message;
  else if (code.startsWith('ERR_PARSE_ARGS')) problem = `${(error as Error).message}\n${USAGE}`;
  else throw error;
} finally {
  // Closed before exiting so the embedded database is left clean and unlocked.
  await database.close();
}
if (problem) fail(problem);
