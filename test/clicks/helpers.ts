import { expect } from 'vitest';
import type { IdentityTestApp } from '../identity/helpers.ts';

let counter = 0;

/**
 * A signed-in affiliate_manager limited to their own affiliates, managing those given (made
 * their account manager); returns their id and session cookie header value.
 */
export async function limitedManager(
  t: IdentityTestApp,
  affiliateIds: number[] = [],
): Promise<{ id: number; cookie: string }> {
  const email = `limited-manager${++counter}-${process.pid}@example.com`;
  const password = 'Manager#pass-1234';
  const staff = await t.call(t.admin, {
    method: 'POST',
    url: '/api/v1/staff',
    payload: { email, name: 'Mia', role: 'affiliate_manager', managed_affiliates_only: true, password },
  });
  expect(staff.statusCode, staff.body).toBe(201);
  for (const affiliateId of affiliateIds) {
    const assign = await t.call(t.admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${affiliateId}`,
      payload: { account_manager_id: staff.json().id },
    });
    expect(assign.statusCode, assign.body).toBe(200);
  }
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  const session = login.cookies.find((c) => c.name === 'affluent_session');
  expect(session, login.body).toBeDefined();
  return { id: staff.json().id, cookie: `affluent_session=${session!.value}` };
}
