import { describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../src/core/auth/authenticate-api-key.ts';
import { openDatabase } from '../../src/db/index.ts';
import { runNode, tempDir } from '../support/spawn.ts';

async function cli(dataDir: string, ...args: string[]) {
  const run = runNode('src/cli.ts', args, { DATA_DIR: dataDir });
  const code = await run.exited();
  return { code, out: run.output() };
}

// Each step is a CLI process of its own (Node.js start, the embedded database opened): 13 of them
// take far longer than one request on a loaded machine, so this test has its own time limit.
const THIRTEEN_PROCESSES_MS = 13 * 15_000;

describe('the CLI', () => {
  it('migrates, creates administrators and API keys, lists and revokes keys', {
    timeout: THIRTEEN_PROCESSES_MS,
  }, async () => {
    const dir = tempDir();
    expect((await cli(dir, 'migrate')).out).toMatch(/applied 0001_foundation/);
    expect((await cli(dir, 'migrate')).out).toContain('database is up to date');

    const admin = await cli(
      dir,
      'admins',
      'create',
      '--email',
      'ops@example.com',
      '--password',
      'G00d#password',
    );
    expect(admin.code).toBe(0);
    const duplicate = await cli(
      dir,
      'admins',
      'create',
      '--email',
      'ops@example.com',
      '--password',
      'G00d#password',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toContain('already exists');
    const weak = await cli(dir, 'admins', 'create', '--email', 'b@example.com', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/^affluent: password: must contain/);

    const created = await cli(dir, 'api-keys', 'create', '--name', 'ci', '--scopes', 'read,finance');
    expect(created.code).toBe(0);
    const key = created.out.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^afl_[\w-]{43}$/);

    const bad = await cli(dir, 'api-keys', 'create', '--name', 'x', '--scopes', 'root');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('unknown scope root');

    expect((await cli(dir, 'api-keys', 'list')).out).toMatch(/1\tafl_\S+…\tci\tread,finance\tactive/);
    expect((await cli(dir, 'api-keys', 'revoke', '1')).code).toBe(0);
    expect((await cli(dir, 'api-keys', 'list', '--all')).out).toMatch(/revoked/);
    expect((await cli(dir, 'nonsense')).code).toBe(1);

    const database = await openDatabase({ dataDir: dir });
    try {
      expect(await authenticateApiKey(database.db, key)).toBeNull();
      const staff = await database.db.selectFrom('staff_users').select(['email', 'role']).execute();
      expect(staff).toEqual([{ email: 'ops@example.com', role: 'admin' }]);
    } finally {
      await database.close();
    }
  });
});
