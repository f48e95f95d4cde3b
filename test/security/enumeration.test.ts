import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  PASSWORD,
  uniqueEmail,
} from '../identity/helpers.ts';
import { jobRows } from '../jobs/helpers.ts';
import { identityState, outbox, tokenIn } from './identity-helpers.ts';

// Neither the password reset form nor the sign-up form may tell whether an address has an
// account: same answer, and no sending before the answer (emails are jobs, run after it).

const COOLDOWN = 300;

let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp({ PASSWORD_RESET_COOLDOWN_SECONDS: String(COOLDOWN) });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const settled = () => t.jobs.runUntilIdle();

/** Reset emails queued for `to`, sent or not. */
const queuedResets = async (to: string) =>
  (await jobRows(t.db, 'email.send')).filter(
    (job) => job.data.to === to && job.data.template === 'reset_password',
  );

/** Reset emails to `to` that were sent (kept in the outbox), without running what waits. */
const sentResets = (to: string) =>
  t.db
    .selectFrom('email_messages')
    .select('id')
    .where('to_address', '=', to)
    .where('template', '=', 'reset_password')
    .execute();

const forgot = (email: string) =>
  t.app.inject({ method: 'POST', url: '/api/partner/v1/auth/password/forgot', payload: { email } });

const resetEmails = async (email: string) =>
  (await outbox(t, t.admin, email)).filter((m) => m.template === 'reset_password');

const answer = (res: { statusCode: number; json(): { error?: { request_id?: string } } }) => {
  const body = res.json();
  if (body.error) delete body.error.request_id;
  return { status: res.statusCode, body };
};

describe('forgot password', () => {
  it('answers alike for a known and an unknown address, queues the link only for the account and sends it after the answer', async () => {
    const p = await approvedPartner(t, 'forgetful');
    const unknownAddress = uniqueEmail('ghost');
    const before = await identityState(t.db);
    const unknown = await forgot(unknownAddress);
    // Nothing is written for an address without an account: no link, no job.
    expect(await identityState(t.db)).toBe(before);
    const known = await forgot(p.email);
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual({ message: 'if the address has an account, a reset link is on its way' });
    expect(unknown.json()).toEqual(known.json());
    // The answer did not wait for the sending: the email is queued, not sent.
    expect(await queuedResets(p.email)).toHaveLength(1);
    expect(await queuedResets(unknownAddress)).toEqual([]);
    expect(await sentResets(p.email)).toEqual([]);
    await settled();
    expect(await resetEmails(p.email)).toHaveLength(1);
    expect(await outbox(t, t.admin, unknownAddress)).toEqual([]);
  });

  it('emails one address at most once per PASSWORD_RESET_COOLDOWN_SECONDS while its link is unused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const p = await approvedPartner(t, 'flooded');
    for (let i = 0; i < 5; i++) expect((await forgot(p.email)).statusCode).toBe(202);
    await settled();
    const first = await resetEmails(p.email);
    expect(first).toHaveLength(1);

    vi.setSystemTime(Date.now() + (COOLDOWN - 1) * 1000);
    await forgot(p.email);
    await settled();
    expect(await resetEmails(p.email)).toHaveLength(1);

    vi.setSystemTime(Date.now() + 2000);
    await forgot(p.email);
    await settled();
    const after = await resetEmails(p.email);
    expect(after).toHaveLength(2);
    // The newest link is the one that works.
    const set = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/partner/v1/auth/password/set',
        payload: { token, password: 'N3w#password' },
      });
    expect((await set(tokenIn(first[0]))).statusCode).toBe(410);
    expect((await set(tokenIn(after[0]))).statusCode).toBe(200);
  });

  it('spaces the emails of each address on its own', async () => {
    const a = await approvedPartner(t, 'first');
    const b = await approvedPartner(t, 'second');
    await forgot(a.email);
    await forgot(b.email);
    await settled();
    expect(await resetEmails(a.email)).toHaveLength(1);
    expect(await resetEmails(b.email)).toHaveLength(1);
  });
});

describe('sign-up with an address that has an account', () => {
  const application = (email: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/sign-up',
      payload: {
        email,
        password: PASSWORD,
        first_name: 'Eve',
        last_name: 'Probe',
        terms_accepted: true,
        ...extra,
      },
    });

  const counts = async () => ({
    affiliates: (await t.db.selectFrom('affiliates').select('id').execute()).length,
    users: (await t.db.selectFrom('affiliate_users').select('id').execute()).length,
  });

  it('answers like a new address, creates nothing, and emails the owner of the address a notice', async () => {
    const p = await approvedPartner(t, 'taken');
    const fresh = await application(uniqueEmail('fresh'));
    expect(fresh.statusCode, fresh.body).toBe(201);

    const before = await counts();
    const taken = await application(p.email.toUpperCase());
    expect(answer(taken)).toEqual(answer(fresh));
    expect(taken.json()).toEqual({
      status: 'pending',
      message: 'application received; you will get an email once it is reviewed',
    });
    expect(await counts()).toEqual(before);
    const [notice] = await outbox(t, t.admin, p.email);
    expect(notice).toMatchObject({
      template: 'sign_up_attempt',
      subject: 'Someone tried to sign up with your address',
    });
    expect(notice!.text).toContain('/portal/sign-in');
    // The account is as it was: its password still signs in.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/sign-in',
      payload: { email: p.email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('reports the other bad fields exactly as for a new address', async () => {
    const p = await approvedPartner(t, 'takenbad');
    const bad = { website_url: 'not a url' };
    const before = await identityState(t.db);
    const fresh = await application(uniqueEmail('freshbad'), bad);
    const taken = await application(p.email, bad);
    expect(fresh.statusCode).toBe(422);
    expect(answer(taken)).toEqual(answer(fresh));
    expect(taken.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['website_url']);
    const weak = await application(p.email, { password: 'weak' });
    const weakFresh = await application(uniqueEmail('weak'), { password: 'weak' });
    expect(weak.statusCode).toBe(422);
    expect(answer(weak)).toEqual(answer(weakFresh));
    // Refused either way: no notice, nothing written.
    expect(await identityState(t.db)).toBe(before);
  });

  it('sends the owner at most one notice per cooldown', async () => {
    const p = await approvedPartner(t, 'noticed');
    for (let i = 0; i < 3; i++) expect((await application(p.email)).statusCode).toBe(201);
    const notices = (await outbox(t, t.admin, p.email)).filter((m) => m.template === 'sign_up_attempt');
    expect(notices).toHaveLength(1);
  });

  it('still signs a new applicant up, with the received email', async () => {
    const email = uniqueEmail('newcomer');
    const res = await application(email);
    expect(res.statusCode, res.body).toBe(201);
    const user = await t.db
      .selectFrom('affiliate_users as u')
      .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
      .select(['a.status', 'u.is_owner'])
      .where('u.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ status: 'pending', is_owner: true });
    expect((await outbox(t, t.admin, email)).map((m) => m.template)).toEqual(['sign_up_received']);
  });
});
