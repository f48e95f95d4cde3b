import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createAffiliate, fieldPaths, snapshot, staffUser } from './helpers.ts';

let t: TestApp;
let admin: string;
let manager: number;
let tierId: number;
let sourceId: number;
let tag: { id: number; values: { id: number; value: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  manager = await staffUser(t.db, 'Bob Smith');
  tierId = (
    await t.call(admin, { method: 'POST', url: '/api/v1/affiliate-tiers', payload: { name: 'Gold' } })
  ).json().id;
  sourceId = (
    await t.call(admin, { method: 'POST', url: '/api/v1/traffic-sources', payload: { name: 'SEO' } })
  ).json().id;
  tag = (
    await t.call(admin, {
      method: 'POST',
      url: '/api/v1/custom-tags',
      payload: { name: 'Segment', values: ['Retail', 'Wholesale'] },
    })
  ).json();
  await createAffiliate(t, admin, {
    name: 'Uses everything',
    labels: ['VIP'],
    tier_id: tierId,
    traffic_source_ids: [sourceId],
    custom_tags: [{ tag_id: tag.id, value_id: tag.values[0]!.id }],
  });
});
afterAll(() => t.close());

describe('users', () => {
  it('adds, lists, reads and patches users, recording history', async () => {
    const id = await createAffiliate(t, admin, { name: 'With Users' });
    const other = await createAffiliate(t, admin, { name: 'Other', users: [{ email: 'other@x.test' }] });
    const created = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/affiliates/${id}/users`,
      payload: { email: 'first@x.test', first_name: 'First', initial_password: 'Str0ng#pass' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ is_owner: true, has_password: true });
    expect(
      fieldPaths(
        await t.call(admin, {
          method: 'POST',
          url: `/api/v1/affiliates/${id}/users`,
          payload: { email: 'OTHER@x.test' },
        }),
      ),
    ).toEqual(['email']);
    expect(
      fieldPaths(
        await t.call(admin, {
          method: 'POST',
          url: `/api/v1/affiliates/${id}/users`,
          payload: { email: 'weak@x.test', initial_password: 'short' },
        }),
      ),
    ).toEqual(['initial_password']);
    const patched = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/affiliates/${id}/users/${user.id}`,
      payload: { title: 'Owner', status: 'inactive', timezone: 'America/New_York' },
    });
    expect(patched.json()).toMatchObject({
      title: 'Owner',
      status: 'inactive',
      timezone: 'America/New_York',
    });
    expect((await t.call(admin, { url: `/api/v1/affiliates/${id}/users` })).json().data).toHaveLength(1);
    expect((await t.call(admin, { url: `/api/v1/affiliates/${other}/users/${user.id}` })).statusCode).toBe(
      404,
    );
    const history = (
      await t.call(admin, { url: `/api/v1/affiliates/${id}/history?field=users[${user.id}].` })
    ).json();
    expect(history.data.map((h: any) => h.action)).toEqual(['user_updated', 'user_created']);
    expect(history.data[0].changes).toEqual(
      expect.arrayContaining([{ field: `users[${user.id}].title`, before: '', after: 'Owner' }]),
    );
  });
});

describe('scopes and limited managers', () => {
  it('reads with read, writes only with write', async () => {
    const read = await t.apiKey(['read']);
    const write = await t.apiKey(['write']);
    expect((await t.call(read, { url: '/api/v1/affiliates' })).statusCode).toBe(200);
    const before = await snapshot(t.db);
    const denied = await t.call(read, { method: 'POST', url: '/api/v1/affiliates', payload: { name: 'X' } });
    expect(denied.statusCode).toBe(403);
    expect(await snapshot(t.db)).toBe(before);
    expect(
      (
        await t.call(read, {
          method: 'POST',
          url: '/api/v1/affiliates/bulk-edit/preview',
          payload: {
            affiliate_ids: [1],
            fields: [{ field: 'has_notifications', operator: 'overwrite', value: true }],
          },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.call(write, { method: 'POST', url: '/api/v1/affiliates', payload: { name: 'X' } })).statusCode,
    ).toBe(201);
    expect((await t.call(null, { url: '/api/v1/affiliates' })).statusCode).toBe(401);
  });

  it('a manager limited to their own affiliates sees and edits only those', async () => {
    const cookie = await t.staffCookie();
    const me = (await t.call(null, { url: '/api/v1/auth/me', headers: { cookie } })).json().staff.id;
    await t.db
      .updateTable('staff_users')
      .set({ role: 'affiliate_manager', managed_affiliates_only: true } as never)
      .where('id', '=', me)
      .execute();
    const mine = (
      await t.call(null, {
        method: 'POST',
        url: '/api/v1/affiliates',
        headers: { cookie },
        payload: { name: 'Mine' },
      })
    ).json();
    expect(mine.account_manager_id).toBe(me);
    const theirs = await createAffiliate(t, admin, { name: 'Theirs', account_manager_id: manager });
    const list = (await t.call(null, { url: '/api/v1/affiliates', headers: { cookie } })).json();
    expect(list.data.map((a: any) => a.id)).toEqual([mine.id]);
    expect(
      (await t.call(null, { url: `/api/v1/affiliates/${theirs}`, headers: { cookie } })).statusCode,
    ).toBe(404);
    const bulk = await t.call(null, {
      method: 'POST',
      url: '/api/v1/affiliates/bulk-edit/preview',
      headers: { cookie },
      payload: {
        affiliate_ids: [mine.id, theirs],
        fields: [{ field: 'has_notifications', operator: 'overwrite', value: false }],
      },
    });
    expect(bulk.statusCode).toBe(404);
  });
});

describe('managed lists', () => {
  it('lists staff for pickers and manages labels, tiers, traffic sources and custom tags', async () => {
    const blocked = await staffUser(t.db, 'Zed Blocked', 'blocked');
    const staff = (await t.call(admin, { url: '/api/v1/staff-directory' })).json().data;
    expect(staff.map((s: any) => s.id)).toContain(manager);
    expect(staff.map((s: any) => s.id)).not.toContain(blocked);
    const pick = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: { name: 'B', account_manager_id: blocked },
    });
    expect(pick.json().error.details.fields[0]).toMatchObject({
      path: 'account_manager_id',
      message: expect.stringContaining('blocked'),
    });

    const labels = (await t.call(admin, { url: '/api/v1/affiliate-labels' })).json().data;
    expect(labels.find((l: any) => l.name === 'VIP').affiliate_count).toBeGreaterThan(0);
    const vip = labels.find((l: any) => l.name === 'VIP');
    expect(
      (await t.call(admin, { method: 'DELETE', url: `/api/v1/affiliate-labels/${vip.id}` })).statusCode,
    ).toBe(409);
    expect(
      (
        await t.call(admin, {
          method: 'PATCH',
          url: `/api/v1/affiliate-labels/${vip.id}`,
          payload: { name: 'V.I.P.' },
        })
      ).statusCode,
    ).toBe(409);
    const dup = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/affiliate-labels',
      payload: { name: 'vip' },
    });
    expect(fieldPaths(dup)).toEqual(['name']);
    const fresh = (
      await t.call(admin, { method: 'POST', url: '/api/v1/affiliate-labels', payload: { name: 'Fresh' } })
    ).json();
    expect(
      (await t.call(admin, { method: 'DELETE', url: `/api/v1/affiliate-labels/${fresh.id}` })).statusCode,
    ).toBe(204);

    const archived = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/traffic-sources/${sourceId}`,
      payload: { status: 'archived' },
    });
    expect(archived.json().status).toBe('archived');
    const useArchived = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: { name: 'C', traffic_source_ids: [sourceId] },
    });
    expect(fieldPaths(useArchived)).toEqual(['traffic_source_ids[0]']);
    expect(
      (await t.call(admin, { method: 'DELETE', url: `/api/v1/affiliate-tiers/${tierId}` })).statusCode,
    ).toBe(409);

    const added = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/custom-tags/${tag.id}/values`,
      payload: { value: 'Online' },
    });
    expect(added.json().values.map((v: any) => v.value)).toEqual(['Retail', 'Wholesale', 'Online']);
    const used = tag.values[0]!.id;
    expect(
      (await t.call(admin, { method: 'DELETE', url: `/api/v1/custom-tags/${tag.id}/values/${used}` }))
        .statusCode,
    ).toBe(409);
    const renamed = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/custom-tags/${tag.id}/values/${used}`,
      payload: { value: 'Retail EU' },
    });
    expect(renamed.json().values[0]).toMatchObject({ id: used, value: 'Retail EU' });
  });
});
