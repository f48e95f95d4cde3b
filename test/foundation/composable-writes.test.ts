import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { createStaff } from '../../src/core/auth/create-staff.ts';
import { createBrand } from '../../src/core/catalog/brands/create-brand.ts';
import { identityEnv } from '../../src/core/identity/context.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

class RolledBack extends Error {}

/** What the two operations write: the brand, its catalog audit entry, the staff user and their token. */
async function written(name: string, email: string) {
  const brands = await t.db.selectFrom('brands').select('id').where('name', '=', name).execute();
  const audit = await t.db
    .selectFrom('catalog_changes as c')
    .innerJoin('brands as b', 'b.id', 'c.entity_id')
    .select(['c.entity', 'c.action', 'c.actor_type'])
    .where('c.entity', '=', 'brand')
    .where('b.name', '=', name)
    .execute();
  const staff = await t.db.selectFrom('staff_users').select('id').where('email', '=', email).execute();
  return { brands: brands.length, audit, staff: staff.length };
}

async function bothInOne(name: string, email: string, finish: () => void): Promise<void> {
  await inTransaction(t.db, async (trx) => {
    await createBrand({ db: trx, actor: SYSTEM, input: { name, base_currency: 'EUR' } });
    await createStaff(trx, identityEnv(t.app.deps.config), { email, role: 'support' }, 'test');
    finish();
  });
}

describe('core writes compose in one transaction', () => {
  it('two writing operations inside one rolled-back transaction leave nothing of either', async () => {
    const name = `Rolled back ${process.hrtime.bigint()}`;
    const email = `rolled-back-${process.hrtime.bigint()}@example.com`;
    await expect(
      bothInOne(name, email, () => {
        throw new RolledBack('the caller changed its mind');
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await written(name, email)).toEqual({ brands: 0, audit: [], staff: 0 });
  });

  it('the same two operations commit together, the brand attributed to its actor', async () => {
    const name = `Committed ${process.hrtime.bigint()}`;
    const email = `committed-${process.hrtime.bigint()}@example.com`;
    await bothInOne(name, email, () => {});
    expect(await written(name, email)).toEqual({
      brands: 1,
      audit: [{ entity: 'brand', action: 'created', actor_type: 'system' }],
      staff: 1,
    });
  });
});
