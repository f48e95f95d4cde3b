import { expect } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import type { TestApp } from '../support/test-app.ts';

let staffCounter = 0;

/** A staff user to pick as manager or executive (created directly: staff are another feature's). */
export async function staffUser(
  db: Db,
  name: string,
  status: 'active' | 'blocked' = 'active',
): Promise<number> {
  const row = await db
    .insertInto('staff_users')
    .values({
      email: `aff-staff${++staffCounter}-${Date.now()}@example.com`,
      name,
      password_hash: 'x',
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const WIRE = {
  type: 'wire',
  details: {
    bank_name: 'First Bank',
    bank_address: '1 Main St',
    account_name: 'Acme Media Ltd',
    account_number: 'NL91ABNA0417164300',
    routing_number: '021000021',
    swift_code: 'abnanl2a',
  },
};

/** Creates an affiliate through the API and returns its id. */
export async function createAffiliate(
  t: TestApp,
  key: string,
  body: Record<string, unknown>,
): Promise<number> {
  const res = await t.call(key, { method: 'POST', url: '/api/v1/affiliates', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export function fieldPaths(res: { json(): any }): string[] {
  return (res.json().error?.details?.fields ?? []).map((f: { path: string }) => f.path);
}

/** Every table an affiliate write touches, so "nothing changed" can be checked whole. */
export async function snapshot(db: Db): Promise<string> {
  const tables = [
    'affiliates',
    'affiliate_users',
    'affiliate_billing',
    'affiliate_payment_methods',
    'affiliate_traffic_sources',
    'affiliate_custom_tags',
    'affiliate_history',
    'affiliate_labels',
  ] as const;
  const out: unknown[] = [];
  for (const table of tables) {
    out.push(await db.selectFrom(table).selectAll().execute());
  }
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}
