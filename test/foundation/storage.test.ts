import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/data-dir-lock.ts';
import { openDatabase } from '../../src/db/index.ts';
import { listMigrations, migrate, pendingMigrations } from '../../src/db/migrate.ts';
import { runNode, tempDir } from '../support/spawn.ts';
import { databaseUrlFor, TEST_DATABASE_URL, TEST_DB_KIND } from '../support/template.ts';
import { createTestDatabase } from '../support/test-database.ts';

describe('migrations', () => {
  it('are numbered, recorded once each, and re-running applies nothing', async () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort());
    expect(new Set(versions).size).toBe(versions.length);

    const database = await createTestDatabase();
    try {
      expect(await migrate(database.db)).toEqual([]);
      expect(await pendingMigrations(database.db)).toEqual([]);
      const rows = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(
        database.db,
      );
      expect(rows.rows[0]!.n).toBe(versions.length);
    } finally {
      await database.close();
    }
  });

  it('refuse to run when an applied migration was edited', async () => {
    const database = await createTestDatabase();
    try {
      await sql`update schema_migrations set checksum = 'edited' where version = '0001'`.execute(database.db);
      await expect(migrate(database.db)).rejects.toThrow(/0001_foundation was changed after it was applied/);
    } finally {
      await database.close();
    }
  });

  it.runIf(TEST_DB_KIND === 'postgres')('let only one of two processes migrate a new database', async () => {
    const name = `affluent_race_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    try {
      const env = { DATABASE_URL: databaseUrlFor(name), DATA_DIR: tempDir() };
      const a = runNode('src/cli.ts', ['migrate'], env);
      const b = runNode('src/cli.ts', ['migrate'], env);
      expect([await a.exited(), await b.exited()]).toEqual([0, 0]);
      const outputs = [a.output(), b.output()];
      expect(outputs.filter((o) => o.includes('applied 0001_foundation'))).toHaveLength(1);
      expect(outputs.filter((o) => o.includes('database is up to date'))).toHaveLength(1);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

describe('the embedded data directory lock', () => {
  it('refuses a second holder and takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    fs.writeFileSync(path.join(dir, 'affluent.lock'), '1');
    // pid 1 is alive but is not us: the directory counts as taken.
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'affluent.lock'), '999999999');
    const again = acquireDataDirLock(dir);
    again();
    release();
    expect(fs.existsSync(path.join(dir, 'affluent.lock'))).toBe(false);
  });

  it('keeps data across a close and reopen', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.db);
    await first.db
      .insertInto('staff_users')
      .values({ email: 'keep@example.com', password_hash: 'x' })
      .execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    try {
      const row = await second.db.selectFrom('staff_users').select('email').executeTakeFirst();
      expect(row?.email).toBe('keep@example.com');
    } finally {
      await second.close();
    }
  });
});
