import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';
import { TEST_DB_KIND } from '../support/template.ts';
import { createTestDatabase } from '../support/test-database.ts';

// The outbox promise end to end: a change that asks for an email commits with its email job, so a
// process killed after the commit and before the sending loses nothing and sends nothing twice.

const started: Spawned[] = [];
let database: Database | undefined;
afterAll(async () => {
  for (const s of started) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited()));
  await database?.close();
});

/** The same installation for every process: the embedded database's directory, or a PostgreSQL database. */
async function installation(): Promise<Record<string, string>> {
  const env = { DATA_DIR: tempDir(), SECRET_KEY: 'k'.repeat(48), SMTP_URL: '' };
  if (TEST_DB_KIND !== 'postgres') return env;
  database = await createTestDatabase();
  return { ...env, DATABASE_URL: database.url! };
}

async function server(env: Record<string, string>): Promise<{ process: Spawned; base: string }> {
  const port = await freePort();
  const process = runNode('src/main.ts', [], { ...env, PORT: String(port) });
  started.push(process);
  await process.waitFor(/is running at/, 150_000);
  return { process, base: `http://127.0.0.1:${port}/api/v1` };
}

describe('an email asked for just before the process is killed', () => {
  it('is sent exactly once by the next process', async () => {
    const env = await installation();
    const cli = runNode(
      'src/cli.ts',
      ['api-keys', 'create', '--name', 'crash test', '--scopes', 'admin'],
      env,
    );
    started.push(cli);
    expect(await cli.exited(), cli.output()).toBe(0);
    const key = /^afl_\S+$/m.exec(cli.output())?.[0];
    expect(key, cli.output()).toBeDefined();
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const get = async (base: string, path: string) => {
      const res = await fetch(`${base}${path}`, { headers });
      expect(res.status, path).toBe(200);
      return ((await res.json()) as { data: Record<string, unknown>[] }).data;
    };
    const email = `invited-${Date.now()}@example.com`;
    const invitations = (base: string) => get(base, `/dev/outbox?to=${encodeURIComponent(email)}`);
    const emailJobs = async (base: string) =>
      (await get(base, '/jobs?name=email.send')).filter((job) => job.payload === `set_password to ${email}`);

    // A web-only process: it commits the staff user with the job of their invitation, and sends nothing.
    const web = await server({ ...env, JOBS_ENABLED: 'false' });
    const invite = await fetch(`${web.base}/staff`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email, role: 'support', name: 'Ines Invited' }),
    });
    expect(invite.status, await invite.clone().text()).toBe(201);
    expect(await invitations(web.base)).toEqual([]);
    expect((await emailJobs(web.base)).map((job) => job.state)).toEqual(['created']);
    web.process.child.kill('SIGKILL');
    expect(await web.process.exited()).toBeNull();

    const worker = await server({ ...env, JOBS_ENABLED: 'true' });
    // Another process does the work, so this waits on its API (bounded, not timed).
    for (let i = 0; i < 600; i++) {
      const [job] = await emailJobs(worker.base);
      if (job?.state === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await emailJobs(worker.base)).map((job) => job.state)).toEqual(['completed']);
    const sent = await invitations(worker.base);
    expect(sent.map((m) => [m.template, m.subject])).toEqual([['set_password', expect.any(String)]]);
    // The link in it works: the email is the one the killed process committed.
    const token = /token=([\w-]+)/.exec(String(sent[0]!.text))?.[1];
    const set = await fetch(`${worker.base}/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'N3w#staff-password' }),
    });
    expect(set.status, await set.clone().text()).toBe(200);

    worker.process.child.kill('SIGTERM');
    expect(await worker.process.exited()).toBe(0);
    // Three process starts (the CLI and two servers) on a busy 2-core machine take a while.
  }, 300_000);
});
