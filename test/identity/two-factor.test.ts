import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  requirePartner,
  requireRecentTwoFactor,
  requireTwoFactorEnabled,
} from '../../src/http/plugins/partner-auth.ts';
import {
  approvedPartner,
  awayFromStepEdge,
  createIdentityApp,
  enableTwoFactor,
  type IdentityTestApp,
  portalCookie,
  signInAs,
  teamMember,
  totpCode,
} from './helpers.ts';

let t: IdentityTestApp;
beforeAll(async () => {
  // Stand-ins for later financial routes (payment methods, cash-outs), with the guards they will use.
  t = await createIdentityApp({}, (app) => {
    app.post(
      '/api/partner/v1/__test/financial',
      { preHandler: [requirePartner(), requireTwoFactorEnabled] },
      async () => ({
        ok: true,
      }),
    );
    app.post(
      '/api/partner/v1/__test/cash-out',
      { preHandler: [requirePartner(), requireRecentTwoFactor] },
      async () => ({
        ok: true,
      }),
    );
  });
});
afterAll(() => t.close());
// awayFromStepEdge fakes the clock.
afterEach(() => {
  vi.useRealTimers();
});

const api = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.as(cookie, { method, url: `/api/partner/v1${url}`, ...(payload !== undefined ? { payload } : {}) });

describe('two-factor authentication', () => {
  it('enrols with a QR code; accepts codes one step either side, with or without spaces, and refuses beyond', async () => {
    const p = await approvedPartner(t, 'totp');
    const setup = await api(p.cookie, 'POST', '/two-factor/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauth_url, qr_code_data_url, qr_code_svg } = setup.json();
    expect(otpauth_url).toMatch(/^otpauth:\/\/totp\/Affluent:/);
    expect(qr_code_data_url).toMatch(/^data:image\/png;base64,/);
    expect(qr_code_svg).toContain('<svg');
    const stored = await t.db
      .selectFrom('affiliate_users')
      .select(['totp_pending_secret'])
      .where('id', '=', p.userId)
      .executeTakeFirstOrThrow();
    expect(stored.totp_pending_secret).not.toContain(secret);

    await awayFromStepEdge();
    for (const steps of [-2, 2]) {
      const outside = await api(p.cookie, 'POST', '/two-factor/confirm', { code: totpCode(secret, steps) });
      expect(outside.statusCode).toBe(422);
    }
    const code = totpCode(secret, -1);
    const confirm = await api(p.cookie, 'POST', '/two-factor/confirm', {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const codes: string[] = confirm.json().recovery_codes;
    expect(codes).toHaveLength(10);
    expect((await api(p.cookie, 'GET', '/two-factor')).json()).toMatchObject({
      enabled: true,
      recovery_codes_left: 10,
    });

    // Sign-in now needs a code: missing, outside the window, or replayed is refused.
    const missing = await signInAs(t, p.email);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.details.reason).toBe('two_factor_required');
    await awayFromStepEdge();
    expect((await signInAs(t, p.email, undefined, totpCode(secret, 2))).statusCode).toBe(401);
    expect((await signInAs(t, p.email, undefined, totpCode(secret, -2))).statusCode).toBe(401);
    expect((await signInAs(t, p.email, undefined, code)).statusCode).toBe(401);
    const ok = await signInAs(t, p.email, undefined, totpCode(secret, 1));
    expect(ok.statusCode, ok.body).toBe(200);
    const me = await t.as(portalCookie(ok)!, { url: '/api/partner/v1/auth/me' });
    expect(me.json().two_factor.verified_at).not.toBeNull();

    // Recovery codes work once each, in any case and with or without the dash.
    const recovery = codes[0]!;
    expect((await signInAs(t, p.email, undefined, recovery.toUpperCase().replace('-', ''))).statusCode).toBe(
      200,
    );
    expect((await signInAs(t, p.email, undefined, recovery)).statusCode).toBe(401);
    expect((await api(p.cookie, 'GET', '/two-factor')).json().recovery_codes_left).toBe(9);

    const events = await api(p.cookie, 'GET', '/events?type=two_factor_enabled');
    expect(events.json().data).toHaveLength(1);
  });

  it('disables only with a valid code, and records it', async () => {
    const p = await approvedPartner(t, 'disable');
    const { recoveryCodes } = await enableTwoFactor(t, p.cookie);
    expect((await api(p.cookie, 'POST', '/two-factor/disable', { code: '000000' })).statusCode).toBe(422);
    expect((await api(p.cookie, 'POST', '/two-factor/disable', { code: recoveryCodes[1]! })).statusCode).toBe(
      204,
    );
    expect((await api(p.cookie, 'GET', '/two-factor')).json()).toMatchObject({
      enabled: false,
      recovery_codes_left: 0,
    });
    expect((await signInAs(t, p.email)).statusCode).toBe(200);
    const events = await api(p.cookie, 'GET', '/events?type=two_factor_disabled');
    expect(events.json().data[0]).toMatchObject({ type: 'two_factor_disabled', user: { id: p.userId } });
  });

  it('is required before financial actions; a recent check is asked for by the stricter guard', async () => {
    const p = await approvedPartner(t, 'finance');
    const before = await api(p.cookie, 'POST', '/__test/financial');
    expect(before.statusCode).toBe(403);
    expect(before.json().error.details.reason).toBe('two_factor_required');
    const { secret } = await enableTwoFactor(t, p.cookie);
    expect((await api(p.cookie, 'POST', '/__test/financial')).statusCode).toBe(200);

    // The stricter guard wants this session to have proved a code recently (confirming did).
    expect((await api(p.cookie, 'POST', '/__test/cash-out')).statusCode).toBe(200);
    await t.db
      .updateTable('affiliate_sessions')
      .set({ two_factor_verified_at: new Date(Date.now() - 3_600_000) })
      .where('affiliate_user_id', '=', p.userId)
      .execute();
    const stale = await api(p.cookie, 'POST', '/__test/cash-out');
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.details.reason).toBe('two_factor_verification_required');
    await awayFromStepEdge();
    const verify = await api(p.cookie, 'POST', '/two-factor/verify', { code: totpCode(secret, 1) });
    expect(verify.statusCode, verify.body).toBe(200);
    expect((await api(p.cookie, 'POST', '/__test/cash-out')).statusCode).toBe(200);
  });

  it('can be required for everyone by the operator; support resets a lost device', async () => {
    const p = await approvedPartner(t, 'policy');
    const member = await teamMember(t, p, 'policymember');
    const admin = await t.staffCookie();
    const setting = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/security',
      headers: { cookie: admin },
      payload: { require_two_factor: true },
    });
    expect(setting.statusCode).toBe(200);
    try {
      const blocked = await api(member.cookie, 'GET', '/events');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.details.reason).toBe('two_factor_setup_required');
      // What it takes to comply stays reachable.
      expect((await api(member.cookie, 'GET', '/auth/me')).json().two_factor.required_by_operator).toBe(true);
      const { recoveryCodes } = await enableTwoFactor(t, member.cookie);
      expect((await api(member.cookie, 'GET', '/events')).statusCode).toBe(200);
      const refuse = await api(member.cookie, 'POST', '/two-factor/disable', { code: recoveryCodes[0]! });
      expect(refuse.statusCode).toBe(409);

      const reset = await t.call(await t.apiKey(['support']), {
        method: 'POST',
        url: `/api/v1/affiliate-users/${member.userId}/two-factor/reset`,
      });
      expect(reset.statusCode).toBe(204);
      expect((await api(member.cookie, 'GET', '/two-factor')).json().enabled).toBe(false);
    } finally {
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/settings/security',
        headers: { cookie: admin },
        payload: { require_two_factor: false },
      });
    }
  });
});
