import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { issueSetupToken } from '../../src/core/auth/setup.ts';
import { approvedPartner, createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The settings of the README's configuration table that the other suites do not reach, each
// checked by its effect on real answers.

const HOUR = 3_600_000;
const START = Date.UTC(2031, 4, 6, 9, 0, 0);

afterEach(() => {
  vi.useRealTimers();
});

const freeze = (at: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
};

describe('SESSION_TTL_HOURS', () => {
  let t: IdentityTestApp;
  beforeAll(async () => {
    t = await createIdentityApp({ SESSION_TTL_HOURS: '2' });
  });
  afterAll(() => t.close());

  it('ends a back office session after that many hours', async () => {
    freeze(START);
    const cookie = await t.staffCookie();
    const me = () => t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    vi.setSystemTime(START + 2 * HOUR - 1);
    expect((await me()).statusCode).toBe(200);
    vi.setSystemTime(START + 2 * HOUR);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });

  it('ends a portal session after that many hours', async () => {
    freeze(START);
    const partner = await approvedPartner(t, 'ttl');
    const me = () => t.as(partner.cookie, { url: '/api/partner/v1/auth/me' });
    vi.setSystemTime(START + 2 * HOUR - 1);
    expect((await me()).statusCode).toBe(200);
    vi.setSystemTime(START + 2 * HOUR);
    expect((await me()).statusCode).toBe(401);
  });
});

describe('SETUP_TOKEN_TTL_HOURS', () => {
  // An empty platform of its own: the setup link works only while no staff user exists.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SETUP_TOKEN_TTL_HOURS: '3' });
  });
  afterAll(() => t.close());

  it('refuses the setup link once that many hours have passed, creating nobody', async () => {
    const setup = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { token, email: 'first@example.com', password: 'Str0ng#pass' },
      });
    freeze(START);
    // As src/main.ts issues it, with the configured lifetime.
    const old = (await issueSetupToken({ db: t.db, ttlHours: t.app.deps.config.setupTokenTtlHours }))!;
    vi.setSystemTime(START + 3 * HOUR);
    const late = await setup(old);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.message).toBe('the setup link is invalid, expired or already used');
    expect(await t.db.selectFrom('staff_users').select('id').execute()).toEqual([]);

    const fresh = (await issueSetupToken({ db: t.db, ttlHours: t.app.deps.config.setupTokenTtlHours }))!;
    vi.setSystemTime(START + 6 * HOUR - 1);
    expect((await setup(fresh)).statusCode).toBe(201);
  });
});

describe('COOKIE_SECURE', () => {
  const login = async (t: TestApp) => {
    const cookie = await t.staffCookie();
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: me.json().staff.email, password: 'Sup3r#secret' },
    });
    return res.headers['set-cookie'] as string | string[];
  };
  const sessionHeader = (header: string | string[]) =>
    [header].flat().find((c) => c.startsWith('affluent_session='))!;

  it('follows PUBLIC_URL: not Secure over http, Secure over https, unless set', async () => {
    const cases: [Record<string, string>, boolean][] = [
      [{ PUBLIC_URL: 'http://aff.example' }, false],
      [{ PUBLIC_URL: 'https://aff.example' }, true],
      [{ PUBLIC_URL: 'https://aff.example', COOKIE_SECURE: 'false' }, false],
      [{ PUBLIC_URL: 'http://aff.example', COOKIE_SECURE: 'true' }, true],
    ];
    for (const [env, secure] of cases) {
      const t = await createTestApp(env);
      try {
        const header = sessionHeader(await login(t));
        expect(header, JSON.stringify(env)).toMatch(/; HttpOnly/i);
        expect(/;\s*Secure/i.test(header), JSON.stringify(env)).toBe(secure);
      } finally {
        await t.close();
      }
    }
    // Four apps of their own, each migrating a fresh database.
  }, 240_000);
});

describe('/readyz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 naming the migrations not applied', async () => {
    const last = await sql<{ version: string; name: string; checksum: string }>`
      select version, name, checksum from schema_migrations order by version desc limit 1`.execute(t.db);
    const row = last.rows[0]!;
    await sql`delete from schema_migrations where version = ${row.version}`.execute(t.db);
    try {
      const res = await t.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'migrations_pending',
        database: t.database.kind,
        pending_migrations: [`${row.version}_${row.name}`],
      });
    } finally {
      await sql`insert into schema_migrations (version, name, checksum)
        values (${row.version}, ${row.name}, ${row.checksum})`.execute(t.db);
    }
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 when the database cannot be reached', async () => {
    const other = await createTestApp();
    await other.database.close();
    try {
      const res = await other.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'database_unreachable',
        database: other.database.kind,
        pending_migrations: [],
      });
    } finally {
      await other.app.close().catch(() => {});
      await other.jobs.stop(0).catch(() => {});
    }
  });
});

describe('SHUTDOWN_TIMEOUT_MS', () => {
  let server: Spawned | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
  });

  it('exits with 1 when a request is still in flight after the timeout', async () => {
    const port = await freePort();
    server = runNode('src/main.ts', [], {
      DATA_DIR: tempDir(),
      PORT: String(port),
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
    await server.waitFor(/is running at http:\/\/localhost:\d+\//, 150_000);
    // A request whose body never finishes arriving: the server waits for it while it stops.
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': '1000' },
    });
    request.on('error', () => {});
    await new Promise<void>((resolve) => request.write('{"email":', () => resolve()));
    // Answered after the server has read the first request's headers, sent earlier.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(1);
    expect(server.output()).toContain('shutdown took too long; exiting');
    request.destroy();
    // A server process of its own: its start migrates a fresh embedded database.
  }, 200_000);
});

describe('PASSWORD_HASH_MEMORY_KIB, PASSWORD_HASH_TIME_COST, PASSWORD_HASH_PARALLELISM', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      PASSWORD_HASH_MEMORY_KIB: '2048',
      PASSWORD_HASH_TIME_COST: '2',
      PASSWORD_HASH_PARALLELISM: '2',
    });
  });
  afterAll(() => t.close());

  it('make new hashes with that cost, and a hash of another cost still signs in', async () => {
    const cookie = await t.staffCookie();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const [staff] = await t.db.selectFrom('staff_users').select('password_hash').execute();
    expect(staff?.password_hash).toMatch(/^\$argon2id\$v=19\$m=2048,p=2,t=2\$/);
    // A hash made with the suites' cost (1024 / 1 / 1) carries it: checked as it was made.
    const argon2 = (await import('argon2')).default;
    const older = await argon2.hash('Sup3r#secret', {
      type: argon2.argon2id,
      memoryCost: 1024,
      timeCost: 1,
      parallelism: 1,
    });
    await t.db.updateTable('staff_users').set({ password_hash: older }).execute();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        email: (await t.db.selectFrom('staff_users').select('email').executeTakeFirstOrThrow()).email,
        password: 'Sup3r#secret',
      },
    });
    expect(login.statusCode).toBe(200);
  });

  it("default to argon2's own cost", () => {
    expect(loadConfig({}).identity.passwordHash).toEqual({ memoryKib: 65_536, timeCost: 3, parallelism: 4 });
  });
});
