import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail } from '../../src/core/email/send-email.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  PASSWORD,
  portalCookie,
  signInAs,
  teamMember,
  uniqueEmail,
} from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp();
});
afterAll(() => t.close());

const api = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.as(cookie, { method, url: `/api/partner/v1${url}`, ...(payload !== undefined ? { payload } : {}) });

describe('team members', () => {
  it('the owner adds a member who sets a password from the email; views, blocks and unlocks them', async () => {
    const owner = await approvedPartner(t, 'teamowner');
    const email = uniqueEmail('newbie');
    const added = await api(owner.cookie, 'POST', '/users', { email, first_name: 'New', last_name: 'Bie' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      email,
      is_owner: false,
      has_password: false,
      two_factor_enabled: false,
      last_sign_in_at: null,
    });
    const mail = await t.lastEmail(email, 'set_password');
    expect(mail.subject).toBe('Set your password');
    expect(mail.text).toContain('/portal/set-password?token=');
    expect(mail.html).toContain('Set my password');
    const duplicate = await api(owner.cookie, 'POST', '/users', { email });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().error.details.fields[0].path).toBe('email');

    const token = await t.linkToken(email, 'set_password');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/partner/v1/auth/password/set',
          payload: { token, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const member = portalCookie(await signInAs(t, email))!;
    const id = added.json().id;
    const view = await api(owner.cookie, 'GET', `/users/${id}`);
    expect(view.json()).toMatchObject({ has_password: true, status: 'active' });
    expect(view.json().last_sign_in_at).not.toBeNull();

    // Team management is the owner's.
    expect((await api(member, 'GET', '/users')).statusCode).toBe(403);
    expect((await api(member, 'POST', '/users', { email: uniqueEmail('x') })).statusCode).toBe(403);
    expect(
      (await api(owner.cookie, 'PATCH', `/users/${owner.userId}`, { status: 'blocked' })).statusCode,
    ).toBe(409);

    const blocked = await api(owner.cookie, 'PATCH', `/users/${id}`, { status: 'blocked' });
    expect(blocked.json().status).toBe('blocked');
    expect((await api(member, 'GET', '/auth/me')).statusCode).toBe(401);
    expect((await signInAs(t, email)).json().error.details.reason).toBe('blocked');
    await api(owner.cookie, 'PATCH', `/users/${id}`, { status: 'active' });

    for (let i = 0; i < 5; i++) await signInAs(t, email, 'Wrong#pass1');
    expect((await api(owner.cookie, 'GET', `/users/${id}`)).json().locked).toBe(true);
    expect((await api(owner.cookie, 'PATCH', `/users/${id}`, { locked: false })).json().locked).toBe(false);
    expect((await signInAs(t, email)).statusCode).toBe(200);

    const types = (await api(owner.cookie, 'GET', `/events?user_id=${id}`))
      .json()
      .data.map((e: { type: string }) => e.type);
    for (const type of [
      'team_member_added',
      'team_member_blocked',
      'team_member_unblocked',
      'account_locked',
      'account_unlocked',
      'signed_in',
    ]) {
      expect(types).toContain(type);
    }
  });
});

describe('users created without a password', () => {
  it('are emailed a set-password link, from the operator API and from the portal, and show in history', async () => {
    const key = await t.apiKey(['write']);
    const email = uniqueEmail('invited');
    const created = await t.call(key, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: {
        name: 'Invites Ltd',
        users: [
          { email, first_name: 'In' },
          { email: uniqueEmail('pw'), initial_password: PASSWORD },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect((await t.lastEmail(email, 'set_password')).text).toContain('/portal/set-password?token=');
    const later = uniqueEmail('later');
    const added = await t.call(key, {
      method: 'POST',
      url: `/api/v1/affiliates/${created.json().id}/users`,
      payload: { email: later },
    });
    expect(added.statusCode).toBe(201);
    expect((await t.lastEmail(later, 'set_password')).subject).toBe('Set your password');

    const owner = await approvedPartner(t, 'historyowner');
    const member = uniqueEmail('member');
    expect((await api(owner.cookie, 'POST', '/users', { email: member })).statusCode).toBe(201);
    const history = await t.call(key, { url: `/api/v1/affiliates/${owner.affiliateId}/history` });
    const entry = history
      .json()
      .data.find(
        (h: { action: string }) => h.action === 'user_created' && JSON.stringify(h).includes(member),
      );
    expect(entry).toMatchObject({ source: 'portal', actor: { type: 'affiliate_user' } });
  });
});

describe('sessions', () => {
  it('lists sessions with device and address, terminates one, and a password change ends the others', async () => {
    const p = await approvedPartner(t, 'sessions');
    const second = portalCookie(await signInAs(t, p.email))!;
    const list = await api(p.cookie, 'GET', '/sessions');
    expect(list.statusCode).toBe(200);
    const sessions = list.json().data;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ ip: '127.0.0.1', method: 'password' });
    expect(sessions[0].device).toContain('Chrome');

    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await api(p.cookie, 'DELETE', `/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await api(second, 'GET', '/auth/me')).statusCode).toBe(401);
    expect((await api(p.cookie, 'DELETE', `/sessions/${other.id}`)).statusCode).toBe(404);

    const third = portalCookie(await signInAs(t, p.email))!;
    const wrong = await api(p.cookie, 'POST', '/profile/password', {
      current_password: 'Nope#1234',
      new_password: 'N3w#password',
    });
    expect(wrong.json().error.details.fields[0].path).toBe('current_password');
    const changed = await api(p.cookie, 'POST', '/profile/password', {
      current_password: PASSWORD,
      new_password: 'N3w#password',
    });
    expect(changed.json()).toEqual({ sessions_ended: 1 });
    expect((await api(third, 'GET', '/auth/me')).statusCode).toBe(401);
    expect((await api(p.cookie, 'GET', '/auth/me')).statusCode).toBe(200);
    const events = await api(p.cookie, 'GET', '/events?type=session_terminated&type=password_changed');
    expect(events.json().data.map((e: { type: string }) => e.type)).toEqual([
      'password_changed',
      'session_terminated',
    ]);
  });

  it("lets the owner see and terminate a team member's sessions", async () => {
    const owner = await approvedPartner(t, 'sessowner');
    const member = await teamMember(t, owner, 'sessmember');
    const list = await api(owner.cookie, 'GET', `/users/${member.userId}/sessions`);
    expect(list.json().data).toHaveLength(1);
    const sid = list.json().data[0].id;
    expect((await api(owner.cookie, 'DELETE', `/users/${member.userId}/sessions/${sid}`)).statusCode).toBe(
      204,
    );
    expect((await api(member.cookie, 'GET', '/auth/me')).statusCode).toBe(401);
  });
});

describe('profile and statistic tokens', () => {
  it('edits contact fields, language, report currency and subscriptions, refusing bad values', async () => {
    const p = await approvedPartner(t, 'profile');
    const ok = await api(p.cookie, 'PATCH', '/profile', {
      phone: '+33 6 12 34 56 78',
      telegram: '@ada',
      language: 'fr',
      report_currency: 'EUR',
      timezone: 'Europe/Paris',
      email_subscriptions: ['payments'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      language: 'fr',
      report_currency: 'EUR',
      email_subscriptions: ['payments'],
      telegram: '@ada',
    });
    for (const [field, value] of [
      ['report_currency', 'XXQ'],
      ['language', 'french'],
      ['timezone', 'Mars/Base'],
      ['email_subscriptions', ['spam']],
      ['affiliate_id', 2],
    ] as const) {
      const bad = await api(p.cookie, 'PATCH', '/profile', { [field]: value });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details.fields[0].path.startsWith(field)).toBe(true);
    }
    expect((await api(p.cookie, 'GET', '/profile')).json().language).toBe('fr');
  });

  it('generates, regenerates and expires statistic tokens, for oneself or a team member', async () => {
    const owner = await approvedPartner(t, 'stat');
    const member = await teamMember(t, owner, 'statmember');
    expect((await api(owner.cookie, 'GET', '/profile')).json().statistic_token).toBeNull();
    const first = (await api(owner.cookie, 'POST', '/profile/statistic-token')).json().statistic_token;
    expect(first).toMatch(/^st_/);
    const second = (await api(owner.cookie, 'POST', '/profile/statistic-token')).json().statistic_token;
    expect(second).not.toBe(first);
    expect((await api(owner.cookie, 'GET', '/profile')).json().statistic_token).toBe(second);

    const theirs = await api(owner.cookie, 'POST', `/users/${member.userId}/statistic-token`);
    expect(theirs.statusCode).toBe(200);
    expect((await api(member.cookie, 'GET', '/profile')).json().statistic_token).toBe(
      theirs.json().statistic_token,
    );
    expect((await api(owner.cookie, 'DELETE', `/users/${member.userId}/statistic-token`)).statusCode).toBe(
      204,
    );
    expect((await api(member.cookie, 'GET', '/profile')).json().statistic_token).toBeNull();
    expect((await api(owner.cookie, 'DELETE', '/profile/statistic-token')).statusCode).toBe(204);
    expect((await api(owner.cookie, 'GET', '/profile')).json().statistic_token).toBeNull();
  });
});

describe('affiliate API keys', () => {
  it('work only while the affiliate has API access, and stop when revoked', async () => {
    const owner = await approvedPartner(t, 'keys');
    const member = await teamMember(t, owner, 'keymember');
    const off = await api(owner.cookie, 'POST', '/api-keys', { name: 'reports' });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.details.reason).toBe('api_access_disabled');

    await t.db
      .updateTable('affiliates')
      .set({ api_access_enabled: true })
      .where('id', '=', owner.affiliateId)
      .execute();
    const created = await api(owner.cookie, 'POST', '/api-keys', { name: 'reports' });
    expect(created.statusCode, created.body).toBe(201);
    const { key, api_key } = created.json();
    expect(key).toMatch(/^afk_/);
    const me = await t.app.inject({
      url: '/api/partner/v1/auth/me',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(me.json()).toMatchObject({ via: 'api_key', affiliate: { id: owner.affiliateId } });
    // Keys reach data, not security settings.
    const sessions = await t.app.inject({
      url: '/api/partner/v1/sessions',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(sessions.statusCode).toBe(403);

    // A member's key acts as them; a member cannot make one for someone else, nor see the owner's.
    expect(
      (await api(member.cookie, 'POST', '/api-keys', { name: 'x', user_id: owner.userId })).statusCode,
    ).toBe(403);
    const mine = await api(member.cookie, 'POST', '/api-keys', { name: 'mine' });
    expect(mine.json().api_key.user_id).toBe(member.userId);
    expect((await api(member.cookie, 'GET', '/api-keys')).json().data).toHaveLength(1);
    expect((await api(owner.cookie, 'GET', '/api-keys')).json().data).toHaveLength(2);
    expect((await api(member.cookie, 'DELETE', `/api-keys/${api_key.id}`)).statusCode).toBe(404);

    await t.db
      .updateTable('affiliates')
      .set({ api_access_enabled: false })
      .where('id', '=', owner.affiliateId)
      .execute();
    expect(
      (await t.app.inject({ url: '/api/partner/v1/auth/me', headers: { authorization: `Bearer ${key}` } }))
        .statusCode,
    ).toBe(401);
    await t.db
      .updateTable('affiliates')
      .set({ api_access_enabled: true })
      .where('id', '=', owner.affiliateId)
      .execute();
    expect((await api(owner.cookie, 'DELETE', `/api-keys/${api_key.id}`)).json().revoked_at).not.toBeNull();
    expect(
      (await t.app.inject({ url: '/api/partner/v1/auth/me', headers: { authorization: `Bearer ${key}` } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('email through SMTP', () => {
  it('sends through SMTP_URL, keeps no bodies, and survives a mail server that is down', async () => {
    const received: string[] = [];
    const server = net.createServer((socket) => {
      let data = false;
      let message = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\r\n')) {
          if (data) {
            if (line === '.') {
              data = false;
              received.push(message);
              socket.write('250 queued\r\n');
            } else message += `${line}\n`;
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
          else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 ok\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const smtp = await createIdentityApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Program <aff@example.com>',
    });
    const down = await createIdentityApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const forgot = (app: IdentityTestApp, email: string) =>
        app.app.inject({ method: 'POST', url: '/api/partner/v1/auth/password/forgot', payload: { email } });
      const email = uniqueEmail('smtp');
      const signUp = await smtp.app.inject({
        method: 'POST',
        url: '/api/partner/v1/sign-up',
        payload: { email, password: PASSWORD, first_name: 'S', last_name: 'M', terms_accepted: true },
      });
      expect(signUp.statusCode).toBe(201);
      // The email is a job: nothing is sent until it runs, after the sign-up committed.
      expect(received).toHaveLength(0);
      await smtp.jobs.runUntilIdle();
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('Subject: We received your application');
      expect(received[0]).toContain('From: Program <aff@example.com>');
      const row = await smtp.db.selectFrom('email_messages').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ transport: 'smtp', status: 'sent', text_body: null, html_body: null });
      expect((await smtp.call(smtp.admin, { url: '/api/v1/dev/outbox' })).statusCode).toBe(404);

      const failing = await down.app.inject({
        method: 'POST',
        url: '/api/partner/v1/sign-up',
        payload: { email, password: PASSWORD, first_name: 'S', last_name: 'M', terms_accepted: true },
      });
      expect(failing.statusCode).toBe(201);
      expect((await forgot(down, email)).statusCode).toBe(202);
      await down.jobs.runUntilIdle();
      const failed = await down.db.selectFrom('email_messages').select(['status', 'error']).execute();
      const failure = { status: 'failed', error: expect.stringMatching(/.+/) };
      expect(failed).toEqual([failure, failure]);
      // Each failure is the job's too, so it is tried again later (and a retry finds its row).
      const jobs = (await down.call(down.admin, { url: '/api/v1/jobs?name=email.send' })).json();
      expect(jobs.data.map((j: { state: string }) => j.state)).toEqual(['retry', 'retry']);
      // The retry of one of them, once the mail server answers: the same row, now sent.
      await sendEmail({
        db: down.db,
        settings: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'aff@example.com' },
        message: { template: 'reset_password', to: email, subject: 'Again', text: 't', html: '<p>t</p>' },
        jobId: jobs.data[0].id,
      });
      const after = await down.db.selectFrom('email_messages').select(['status', 'job_id']).execute();
      expect(after).toHaveLength(2);
      expect(after.find((m) => m.job_id === jobs.data[0].id)?.status).toBe('sent');

      // An attachment is read from the data directory and goes with the message (its name and
      // size on the row); a path leaving the data directory is refused and nothing is written.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affluent-mail-'));
      fs.mkdirSync(path.join(dir, 'requested-reports'));
      fs.writeFileSync(path.join(dir, 'requested-reports', 'r.xlsx'), 'xlsx bytes');
      const settings = { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'aff@example.com', dataDir: dir };
      const base = {
        template: 'requested_report_ready',
        to: email,
        subject: 'Report',
        text: 't',
        html: '<p>t</p>',
      };
      const attached = [{ filename: 'Clicks.xlsx', file: 'requested-reports/r.xlsx' }];
      await sendEmail({ db: smtp.db, settings, message: { ...base, attachments: attached } });
      expect(received.at(-1)).toMatch(/filename="?Clicks\.xlsx/);
      expect(received.at(-1)).toContain(Buffer.from('xlsx bytes').toString('base64'));
      const rows = await smtp.db
        .selectFrom('email_messages')
        .select('attachments')
        .where('subject', '=', 'Report')
        .execute();
      expect(rows).toEqual([{ attachments: [{ filename: 'Clicks.xlsx', bytes: 10 }] }]);
      const outside = [{ filename: 'passwd', file: '../../etc/passwd' }];
      await expect(
        sendEmail({ db: smtp.db, settings, message: { ...base, attachments: outside } }),
      ).rejects.toThrow(/outside the data directory/);
      expect(
        await smtp.db.selectFrom('email_messages').select('id').where('subject', '=', 'Report').execute(),
      ).toHaveLength(1);
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await smtp.close();
      await down.close();
      server.close();
    }
    // Two apps of its own start in the test: on a busy 2-core machine that takes a while.
  }, 90_000);
});
