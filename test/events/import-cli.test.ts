import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../src/core/actor.ts';
import { createBrand } from '../../src/core/catalog/brands/create-brand.ts';
import { openDatabase } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { runNode, tempDir } from '../support/spawn.ts';

async function cli(dataDir: string, ...args: string[]) {
  const run = runNode('src/cli.ts', args, { DATA_DIR: dataDir });
  const code = await run.exited();
  return { code, out: run.output() };
}

async function withDatabase<T>(
  dir: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
) {
  const database = await openDatabase({ dataDir: dir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

// Four CLI processes (Node.js start, the embedded database opened, migrations checked), each of
// which can take half a minute on a busy machine.
const FOUR_PROCESSES_MS = 4 * 45_000;

describe('npm run cli -- import-events', () => {
  it('imports a CSV file with progress and a summary naming bad rows by line; a dry run keeps nothing, a second run finds duplicates', {
    timeout: FOUR_PROCESSES_MS,
  }, async () => {
    const dir = tempDir();
    const brandId = await withDatabase(dir, async (db) => {
      await migrate(db);
      const brand = await createBrand({ db, actor: CLI, input: { name: 'Imported', base_currency: 'EUR' } });
      return brand.id;
    });
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const file = path.join(dir, 'history.csv');
    fs.writeFileSync(
      file,
      [
        'type,event_id,brand_id,customer_id,occurred_at,amount,currency',
        `registration,r-1,${brandId},p-1,${at},,`,
        `deposit,d-1,${brandId},p-1,${at},12.5,EUR`,
        `deposit,d-2,${brandId},p-1,${at},2500,EUR`,
        `registration,r-2,${brandId},p-2,${at},,`,
      ].join('\n'),
    );

    const dry = await cli(dir, 'import-events', file, '--dry-run');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('4 rows done, 1 rejected');
    expect(dry.out).toMatch(
      /dry run, nothing kept: would have imported 4 rows in [\d.]+ s \(\d+ rows\/s\): 3 created, 0 duplicates, 1 rejected/,
    );
    expect(dry.out).toContain('line 3: amount must be a whole number of minor units (cents), not a decimal');
    const count = () =>
      withDatabase(dir, async (db) =>
        db.selectFrom('events').select(['event_id', 'actor_type']).orderBy('id').execute(),
      );
    expect(await count()).toEqual([]);

    const real = await cli(dir, 'import-events', file);
    expect(real.code, real.out).toBe(0);
    expect(real.out).toMatch(/^imported 4 rows in .*: 3 created, 0 duplicates, 1 rejected$/m);
    expect(await count()).toEqual([
      { event_id: 'r-1', actor_type: 'cli' },
      { event_id: 'd-2', actor_type: 'cli' },
      { event_id: 'r-2', actor_type: 'cli' },
    ]);

    const again = await cli(dir, 'import-events', file);
    expect(again.out).toMatch(/: 0 created, 3 duplicates, 1 rejected$/m);
    expect(await count()).toHaveLength(3);

    fs.writeFileSync(file, 'type,event,brand_id\n');
    const bad = await cli(dir, 'import-events', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('the header row cannot be imported: event is not a field of an event');
  });
});
