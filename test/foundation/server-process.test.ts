import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runNode, type Spawned, tempDir } from '../support/spawn.ts';

const started: Spawned[] = [];
afterAll(() => {
  for (const s of started) s.child.kill('SIGKILL');
});

describe('the server process on the embedded database', () => {
  it('starts, prints its URL and setup link, refuses a second process, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const server = runNode('src/main.ts', [], { DATA_DIR: dataDir, PORT: String(port) });
    started.push(server);
    await server.waitFor(/is running at http:\/\/localhost:\d+\//, 90_000);
    const [, link] = await server.waitFor(/Create one here \(link works once\): (\S+)/);
    expect(link).toMatch(new RegExp(`^http://localhost:${port}/setup\\?token=[\\w-]+$`));

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });

    const second = runNode('src/main.ts', [], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    started.push(second);
    expect(await second.exited()).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/in use by another Affluent process \(pid \d+\)/);

    const cli = runNode('src/cli.ts', ['api-keys', 'list'], { DATA_DIR: dataDir });
    expect(await cli.exited()).toBe(1);
    expect(cli.output().trim().split('\n')).toHaveLength(1);

    const stopAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(10_000);

    // The lock went with the process: the CLI can use the data directory now.
    const after = runNode('src/cli.ts', ['api-keys', 'list'], { DATA_DIR: dataDir });
    expect(await after.exited()).toBe(0);
    expect(after.output()).toContain('no API keys');
    // Four processes each open the embedded database: on a busy 2-core machine that takes a while.
  }, 120_000);

  it('stops at once with one line naming a bad variable', async () => {
    for (const [name, value, expected] of [
      ['PORT', 'eighty', /PORT must be a whole number from 0 to 65535/],
      ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
      ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres: or postgresql:/],
    ] as const) {
      const run = runNode('src/main.ts', [], { DATA_DIR: tempDir(), [name]: value });
      expect(await run.exited()).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
    }
  });
});
