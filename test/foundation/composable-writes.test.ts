import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { createStaff } from '../../src/core/auth/create-staff.ts';
import { createBrand } from '../../src/core/catalog/brands/create-brand.ts';
import { identityEnv } from '../../src/core/identity/context.ts';
import { signUp } from '../../src/core/identity/sign-up/sign-up.ts';
import { JobQueue } from '../../src/core/jobs/job-queue.ts';
import { platformJobTypes } from '../../src/core/jobs/job-types.ts';
import type { Db } from '../../src/db/index.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { jobRows } from '../jobs/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

class RolledBack extends Error {}

/**
 * What the two operations write: the brand, its catalog audit entry, the staff user, and the job
 * that emails them their set-password link.
 */
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
  const invitations = (await jobRows(t.db, 'email.send')).filter((job) => job.data.to === email);
  return { brands: brands.length, audit, staff: staff.length, invitations: invitations.length };
}

async function bothInOne(name: string, email: string, finish: () => void): Promise<void> {
  await inTransaction(t.db, async (trx) => {
    await createBrand({ db: trx, actor: SYSTEM, input: { name, base_currency: 'EUR' } });
    const env = identityEnv(t.app.deps.config);
    await createStaff({ db: trx, env, jobs: t.jobs, actor: SYSTEM, input: { email, role: 'support' } });
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
    expect(await written(name, email)).toEqual({ brands: 0, audit: [], staff: 0, invitations: 0 });
  });

  it('the same two operations commit together, the brand attributed to its actor', async () => {
    const name = `Committed ${process.hrtime.bigint()}`;
    const email = `committed-${process.hrtime.bigint()}@example.com`;
    await bothInOne(name, email, () => {});
    expect(await written(name, email)).toEqual({
      brands: 1,
      audit: [{ entity: 'brand', action: 'created', actor_type: 'system' }],
      staff: 1,
      invitations: 1,
    });
  });

  it('a sign-up writes its whole change in one transaction: rolled back or failing at its last step, it leaves nothing', async () => {
    const email = `applicant-${process.hrtime.bigint()}@example.com`;
    const application = {
      email,
      password: 'Appl1cant#pass',
      first_name: 'Ada',
      last_name: 'Applicant',
      terms_accepted: true,
    };
    const env = identityEnv(t.app.deps.config);
    const left = async (db: Db) => {
      const users = await db
        .selectFrom('affiliate_users')
        .select('affiliate_id')
        .where('email', '=', email)
        .execute();
      const affiliateIds = users.map((u) => u.affiliate_id);
      const count = async (table: 'affiliates' | 'affiliate_history' | 'affiliate_events') =>
        affiliateIds.length === 0
          ? 0
          : (
              await db
                .selectFrom(table)
                .select(table === 'affiliates' ? 'id' : 'affiliate_id')
                .where(table === 'affiliates' ? 'id' : 'affiliate_id', 'in', affiliateIds)
                .execute()
            ).length;
      const jobs = (await jobRows(db, 'email.send')).filter((job) => job.data.to === email);
      return {
        users: users.length,
        affiliates: await count('affiliates'),
        history: await count('affiliate_history'),
        events: await count('affiliate_events'),
        emails: jobs.length,
      };
    };
    await expect(
      inTransaction(t.db, async (trx) => {
        await signUp({ db: trx, env, jobs: t.jobs, input: application });
        expect(await left(trx)).toEqual({ users: 1, affiliates: 1, history: 2, events: 1, emails: 1 });
        throw new RolledBack('the caller changed its mind');
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    expect(await left(t.db)).toEqual({ users: 0, affiliates: 0, history: 0, events: 0, emails: 0 });

    // Its last write failing (a queue that cannot take the email job) takes the rest with it.
    const stopped = new JobQueue({
      config: t.app.deps.config,
      database: t.database,
      types: platformJobTypes(),
    });
    await expect(signUp({ db: t.db, env, jobs: stopped, input: application })).rejects.toThrow(/not started/);
    expect(await left(t.db)).toEqual({ users: 0, affiliates: 0, history: 0, events: 0, emails: 0 });

    await signUp({ db: t.db, env, jobs: t.jobs, input: application });
    expect(await left(t.db)).toEqual({ users: 1, affiliates: 1, history: 2, events: 1, emails: 1 });
  });
});
