import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import type { TestApp } from '../support/test-app.ts';

export const STAFF_PASSWORD = 'St4ff#password';

let counter = 0;
export const uniqueAddress = (label: string) => `${label}${++counter}-${process.pid}@example.com`;

let hosts = 0;
/** A client address no other request of the file comes from. */
export const freshIp = () => `10.77.${Math.floor(++hosts / 250)}.${(hosts % 250) + 1}`;

/** A staff user with a password, added by an administrator key. */
export async function staffUser(
  t: TestApp,
  admin: string,
  role = 'support',
): Promise<{ id: number; email: string }> {
  const email = uniqueAddress('staff');
  const res = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/staff',
    payload: { email, role, name: 'Sam Staff', password: STAFF_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, email };
}

export function staffLogin(t: TestApp, email: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

export interface OutboxMessage {
  template: string;
  subject: string;
  text: string;
}

/**
 * Every message to `to` in the development outbox, newest first, once the email jobs waiting (sent
 * after the change that asked for them) have run.
 */
export async function outbox(t: TestApp, admin: string, to: string): Promise<OutboxMessage[]> {
  await t.jobs.runUntilIdle();
  const res = await t.call(admin, { url: `/api/v1/dev/outbox?to=${encodeURIComponent(to)}&limit=200` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

export const tokenIn = (message: OutboxMessage | undefined) => {
  const token = /token=([A-Za-z0-9_-]+)/.exec(message?.text ?? '')?.[1];
  if (!token) throw new Error(`no link in: ${message?.text}`);
  return token;
};

/**
 * Every row sign-in, lockout and their emails (sent or queued) touch, to show that a refused
 * request changed nothing. Times of the last request seen are left out: reading is not a change.
 */
export async function identityState(db: Db): Promise<string> {
  const out = [
    await db.selectFrom('staff_users').selectAll().orderBy('id').execute(),
    await db.selectFrom('staff_sessions').select(['id_hash', 'staff_user_id']).orderBy('id_hash').execute(),
    await db.selectFrom('affiliate_users').selectAll().orderBy('id').execute(),
    await db
      .selectFrom('affiliate_sessions')
      .select(['id', 'two_factor_verified_at'])
      .orderBy('id')
      .execute(),
    await db.selectFrom('affiliate_recovery_codes').selectAll().orderBy('id').execute(),
    await db.selectFrom('identity_tokens').selectAll().orderBy('token_hash').execute(),
    await db.selectFrom('affiliate_events').selectAll().orderBy('id').execute(),
    await db.selectFrom('email_messages').selectAll().orderBy('id').execute(),
    // Emails waiting to be sent: a job is queued in the transaction of the change that asks for it.
    (await sql`select id, data from pgboss.job where name = 'email.send' order by created_on, id`.execute(db))
      .rows,
  ];
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}
