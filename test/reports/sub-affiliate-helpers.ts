import { expect } from 'vitest';
import { uid } from '../events/helpers.ts';
import { affiliateIdOf, type IdentityTestApp, PASSWORD, uniqueEmail } from '../identity/helpers.ts';

/** An application through the public form with `extra` (ref, promo), approved by the operator. */
export async function appliedThrough(
  t: IdentityTestApp,
  label: string,
  extra: Record<string, string>,
): Promise<number> {
  const email = uniqueEmail(label);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/sign-up',
    payload: {
      email,
      password: PASSWORD,
      first_name: 'Sub',
      last_name: label,
      company_name: uid(label),
      terms_accepted: true,
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = await affiliateIdOf(t, email);
  const approve = await t.call(t.admin, { method: 'POST', url: `/api/v1/affiliates/${id}/approve` });
  expect(approve.statusCode, approve.body).toBe(204);
  return id;
}
