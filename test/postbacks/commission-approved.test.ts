import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveDueCommissions } from '../../src/core/commissions/earned/approve-due-commissions.ts';
import { SWEEP_JOB } from '../../src/core/postbacks/job-names.ts';
import { brandWithPlan, type EngineTest, event, send } from '../commissions/engine-helpers.ts';
import { ago, DAY, ok, operatorApi } from '../events/api.ts';
import { createTestApp } from '../support/test-app.ts';
import { createPostback, POSTBACK_ENV, type Receiver, startReceiver, uid } from './helpers.ts';

let e: EngineTest;
let receiver: Receiver;

beforeAll(async () => {
  const t = await createTestApp(POSTBACK_ENV);
  const admin = await t.apiKey(['admin']);
  e = {
    t,
    admin,
    events: await t.apiKey(['events']),
    api: operatorApi(
      () => t,
      () => admin,
    ),
  };
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await e.t.close();
});

/** Sends what is due: the engine's own postbacks have their job, a status change's the sweep. */
async function deliver() {
  await e.t.jobs.enqueue(e.t.db, { name: SWEEP_JOB, data: {} });
  await e.t.jobs.runUntilIdle();
}
const sent = (tag: string) => receiver.received.filter((r) => r.url.includes(tag)).map((r) => r.url);

describe('commission-approved postbacks', () => {
  it('fire once per approval: at once, by the operator, at the end of the hold period', async () => {
    // CPL 5.00 approved at once; CPA 30.00 on a first deposit of 10.00, held 10 days.
    const s = await brandWithPlan(e, {
      cpl: { amount: 500 },
      cpa: { amount: 3000, hold_days: 10, qualification: { min_first_deposit: 1000 } },
    });
    const tag = uid('approved');
    await createPostback(e.t, e.admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'commission_approved',
      url: `${receiver.base}/${tag}?c=\${commission}&cur=\${currency}&deal=\${deal_id}&type=\${event_type}&e=\${event_id}`,
    });
    const url = (amount: string, type: string, eventId: string) =>
      `/${tag}?c=${amount}&cur=EUR&deal=${s.plan.id}&type=${type}&e=${eventId}`;

    const a = uid('a');
    const regA = event(s.brand.id, a, 'registration', ago(2 * DAY), { affiliate_id: s.affiliateId });
    const depA = event(s.brand.id, a, 'deposit', ago(DAY), { amount: 1000 });
    await send(e, [regA, depA]);
    await deliver();
    // The CPL (500 minor = 5.00) is approved on creation; the CPA waits for its hold period.
    expect(sent(tag)).toEqual([url('5.00', 'registration', String(regA.event_id))]);

    // The operator approves the CPA (3000 minor = 30.00): one postback, and none on a refused retry.
    const list = await ok(await e.api('GET', `/commissions?brand_id=${s.brand.id}&status=pending`));
    const [cpa] = list.data as { id: number }[];
    await ok(await e.api('POST', `/commissions/${cpa?.id}/approve`, {}));
    expect((await e.api('POST', `/commissions/${cpa?.id}/approve`, {})).statusCode).toBe(409);
    await deliver();
    expect(sent(tag)).toEqual([
      url('5.00', 'registration', String(regA.event_id)),
      url('30.00', 'deposit', String(depA.event_id)),
    ]);

    // Another customer's CPA is approved when its hold period ends (the hourly job), once.
    const b = uid('b');
    const depB = event(s.brand.id, b, 'deposit', ago(DAY), { amount: 2500 });
    await send(e, [
      event(s.brand.id, b, 'registration', ago(2 * DAY), { affiliate_id: s.affiliateId }),
      depB,
    ]);
    await deliver();
    expect(sent(tag)).toHaveLength(3);
    const later = new Date(Date.now() + 10 * DAY);
    expect(await approveDueCommissions({ db: e.t.db, jobs: e.t.jobs, now: later })).toBeGreaterThanOrEqual(1);
    await approveDueCommissions({ db: e.t.db, jobs: e.t.jobs, now: later });
    await deliver();
    expect(sent(tag).slice(3)).toEqual([url('30.00', 'deposit', String(depB.event_id))]);
  });
});
