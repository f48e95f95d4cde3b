/**
 * THE operator authorization matrix. A limited manager (affiliate_manager with
 * managed_affiliates_only, managing affiliate A) tries every operator route against affiliate B's
 * resources: each attempt must be answered exactly like the same attempt on a resource that does
 * not exist (404 for a path, 404 or 422 for a reference in a query or body), reads must not show
 * B, and nothing may change. A read-only key (scope read) tries every write: exactly 403, before
 * its body is even looked at, and nothing changes.
 *
 * Every route under /api/v1 is in ROUTES (support/operator-routes.ts) with its attempts, or with
 * the reason it names no affiliate, or in EXEMPT; a new route fails the first test until it is
 * listed there.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { changedTables, tableDigests } from './support/database-state.ts';
import { openApi } from './support/openapi.ts';
import { type Call, EXEMPT, MISSING, ROUTES } from './support/operator-routes.ts';
import { createWorld, excerpt, removeWorld } from './support/world.ts';

const w = await createWorld();
const { t } = w;
afterAll(() => removeWorld(w));

function send(who: { cookie?: string; key?: string }, call: Call): Promise<LightMyRequestResponse> {
  const auth = who.cookie ? { cookie: who.cookie } : { authorization: `Bearer ${who.key}` };
  const body =
    call.payload === undefined
      ? {}
      : Buffer.isBuffer(call.payload)
        ? { payload: call.payload }
        : { payload: JSON.stringify(call.payload), headers: { 'content-type': 'application/json' } };
  return t.app.inject({
    method: call.method,
    url: `/api/v1${call.url}`,
    ...body,
    headers: { ...auth, ...body.headers, ...call.headers },
  });
}
const manager = { cookie: w.manager.cookie };
const readOnly = { key: w.readOnly };
const label = (call: Call) => `${call.method} ${call.url}`;
const errorCode = (res: LightMyRequestResponse) => {
  try {
    return res.json().error?.code ?? null;
  } catch {
    return null;
  }
};

/** Where a response body shows affiliate B: its id in affiliate_id or in a list of affiliate ids. */
function showsB(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => showsB(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    if (k === 'affiliate_id' && v === w.b.affiliateId) return [here];
    if (/affiliate_ids$/.test(k) && Array.isArray(v) && v.includes(w.b.affiliateId)) return [here];
    return showsB(v, here);
  });
}

const specRoutes = async () => {
  const spec = await openApi(t.app);
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    path.startsWith('/api/v1/')
      ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.slice('/api/v1'.length)}`)
      : [],
  );
};

/**
 * Compatibility APIs outside /api/v1 that take an operator API key in their vendor's way, with the
 * scope each needs and how the vendor answers a key without it. Every such operation of the
 * document must be listed here.
 */
const QUERY_KEY_ROUTES: Record<string, { scope: string; url: (key: string) => string; refused: number }> = {
  'GET /commissionfactory/V1/Merchant/Affiliates': {
    scope: 'read',
    url: (key) => `/commissionfactory/V1/Merchant/Affiliates?apiKey=${key}`,
    refused: 401,
  },
  'GET /commissionfactory/V1/Merchant/Affiliates/{id}': {
    scope: 'read',
    url: (key) => `/commissionfactory/V1/Merchant/Affiliates/${w.a.affiliateId}?apiKey=${key}`,
    refused: 401,
  },
};

describe('compatibility APIs on operator keys', () => {
  it('lists every operation taking a vendor-placed operator key', async () => {
    const spec = await openApi(t.app);
    const found = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { security?: Record<string, string[]>[] }>)
        .filter(([, op]) => op.security?.some((s) => 'commissionFactoryApiKey' in s))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(found.sort()).toEqual(Object.keys(QUERY_KEY_ROUTES).sort());
  });

  it('serves a key with the scope, refuses one without it and a staff session in the vendor way, changing nothing', async () => {
    const events = await t.apiKey(['events']);
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(QUERY_KEY_ROUTES)) {
      const before = await tableDigests(t.db);
      const allowed = await t.app.inject({ url: entry.url(w.readOnly) });
      if (allowed.statusCode !== 200)
        failures.push(`${route} with a ${entry.scope} key: ${excerpt(allowed)}`);
      const refused = await t.app.inject({ url: entry.url(events) });
      if (refused.statusCode !== entry.refused)
        failures.push(`${route} with an events key: expected ${entry.refused}, got ${excerpt(refused)}`);
      // The back office's session is no key of the vendor's: refused as having none.
      const session = await t.app.inject({ url: entry.url(''), headers: { cookie: w.manager.cookie } });
      if (session.statusCode !== entry.refused)
        failures.push(`${route} with a staff session: expected ${entry.refused}, got ${excerpt(session)}`);
      const changed = changedTables(before, await tableDigests(t.db)).filter(
        (c) => !c.startsWith('api_keys'),
      );
      if (changed.length) failures.push(`${route}: the calls changed ${changed.map((c) => c.split(':')[0])}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

/**
 * Smartico's API takes the operator key as the whole `authorization` header, each operation with
 * the scope it needs; a key without it is 403 in Smartico's shape, a staff session (no key) 401.
 * Every operation of its security scheme must be listed here.
 */
const HEADER_KEY_ROUTES: Record<
  string,
  { scope: 'read' | 'write'; method: 'GET' | 'PUT' | 'POST'; url: () => string; payload?: object }
> = {
  'GET /smartico/api/af2_aff_op': { scope: 'read', method: 'GET', url: () => '/smartico/api/af2_aff_op' },
  'PUT /smartico/api/af2_aff_op/{id}': {
    scope: 'write',
    method: 'PUT',
    url: () => `/smartico/api/af2_aff_op/${w.a.affiliateId}`,
    payload: { comments: 'Set through Smartico' },
  },
  'GET /smartico/api/af2_link_op': { scope: 'read', method: 'GET', url: () => '/smartico/api/af2_link_op' },
  'POST /smartico/api/private-api': {
    scope: 'write',
    method: 'POST',
    url: () => '/smartico/api/private-api',
    payload: {
      method: 'af2_build_link',
      params: { linkParams: { link_id: w.publicLinkId, affiliate_id: w.a.affiliateId, source_id: null } },
    },
  },
  'GET /smartico/api/af2_pixel_definitions_op': {
    scope: 'read',
    method: 'GET',
    url: () => `/smartico/api/af2_pixel_definitions_op?affiliate_id=${w.a.affiliateId}`,
  },
  'POST /smartico/api/af2_pixel_definitions_op': {
    scope: 'write',
    method: 'POST',
    url: () => '/smartico/api/af2_pixel_definitions_op',
    payload: {
      affiliate_id: w.a.affiliateId,
      pixel_trigger_type_id: 1,
      pixel: 'https://p.example/?d={{deal_id}}',
    },
  },
  'PUT /smartico/api/af2_pixel_definitions_op/{id}': {
    scope: 'write',
    method: 'PUT',
    url: () => `/smartico/api/af2_pixel_definitions_op/${w.aPostbackId}`,
    payload: { pixel_name: 'Set through Smartico' },
  },
};

describe("Smartico's API on operator keys", () => {
  it('lists every operation taking the key in its authorization header', async () => {
    const spec = await openApi(t.app);
    const found = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { security?: Record<string, string[]>[] }>)
        .filter(([, op]) => op.security?.some((s) => 'smarticoApiKey' in s))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(found.sort()).toEqual(Object.keys(HEADER_KEY_ROUTES).sort());
  });

  it('serves a key with the scope, refuses one without it (403) and a staff session (401), changing nothing', async () => {
    const keys = { read: w.readOnly, write: await t.apiKey(['write']) };
    const below = { read: await t.apiKey(['events']), write: w.readOnly };
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(HEADER_KEY_ROUTES)) {
      const call = (headers: Record<string, string>) =>
        t.app.inject({
          method: entry.method,
          url: entry.url(),
          headers: { ...headers, ...(entry.payload ? { 'content-type': 'application/json' } : {}) },
          ...(entry.payload ? { payload: JSON.stringify(entry.payload) } : {}),
        });
      const before = await tableDigests(t.db);
      const refused = await call({ authorization: below[entry.scope] });
      if (refused.statusCode !== 403 || refused.json().errCode !== 403)
        failures.push(`${route} without the ${entry.scope} scope: expected 403, got ${excerpt(refused)}`);
      const session = await call({ cookie: w.manager.cookie });
      if (session.statusCode !== 401)
        failures.push(`${route} with a staff session: expected 401, got ${excerpt(session)}`);
      const changed = changedTables(before, await tableDigests(t.db)).filter(
        (c) => !c.startsWith('api_keys'),
      );
      if (changed.length)
        failures.push(`${route}: the refused calls changed ${changed.map((c) => c.split(':')[0])}`);
      const allowed = await call({ authorization: keys[entry.scope] });
      if (allowed.statusCode !== 200)
        failures.push(`${route} with a ${entry.scope} key: ${excerpt(allowed)}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

describe('operator authorization matrix', () => {
  it('lists every operator route, each with attempts or a reason', async () => {
    const routes = await specRoutes();
    expect(routes.length).toBeGreaterThan(80);
    const listed = new Set([...Object.keys(ROUTES), ...Object.keys(EXEMPT)]);
    expect(
      routes.filter((r) => !listed.has(r)),
      'operator routes missing from ROUTES in test/security/support/operator-routes.ts',
    ).toEqual([]);
    expect(
      [...listed].filter((r) => !routes.includes(r)),
      'entries for routes the app no longer has',
    ).toEqual([]);
    for (const [route, entry] of Object.entries(ROUTES)) {
      expect(
        entry.cross || entry.hidden || entry.none,
        `${route} has no attempts and no reason`,
      ).toBeTruthy();
      if (!route.startsWith('GET ')) {
        expect(entry.write || entry.cross, `${route}: a write needs a request to try`).toBeTruthy();
      }
    }
  });

  it("lets the limited manager reach A's side of every read it is refused for B", async () => {
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTES)) {
      for (const attempt of entry.cross?.(w) ?? []) {
        if (attempt.a === undefined) continue;
        const res = await send(manager, attempt.build(attempt.a));
        if (res.statusCode !== 200) failures.push(`${route} [${attempt.name}] on A: ${excerpt(res)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it("refuses the limited manager B's resources exactly like missing ones, and nothing changes", {
    timeout: 300_000,
  }, async () => {
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTES)) {
      const attempts = entry.cross?.(w) ?? [];
      if (!attempts.length) continue;
      const before = await tableDigests(t.db);
      for (const attempt of attempts) {
        const onB = attempt.build(attempt.b);
        const b = await send(manager, onB);
        const missing = await send(manager, attempt.build(MISSING));
        const where = `${label(onB)} [${route}, ${attempt.name}]`;
        const read = onB.method === 'GET';
        if (![404, 422, ...(read ? [200] : [])].includes(missing.statusCode)) {
          failures.push(`${where}: a missing id should be 404/422, is ${excerpt(missing)}`);
        }
        if (b.statusCode !== missing.statusCode || errorCode(b) !== errorCode(missing)) {
          failures.push(`${where}: ${excerpt(b)} — but a missing id gets ${excerpt(missing)}`);
        } else if (b.statusCode === 200 && b.body !== missing.body) {
          failures.push(`${where}: answers differently than for a missing id: ${excerpt(b)}`);
        }
      }
      const changed = changedTables(before, await tableDigests(t.db));
      if (changed.length)
        failures.push(`${route}: the attempts changed ${changed.map((c) => c.split(':')[0])}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('shows the limited manager nothing of B in what it reads', async () => {
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTES)) {
      for (const { call, notInData } of entry.hidden?.(w) ?? []) {
        const res = await send(manager, call);
        if (res.statusCode !== 200) {
          failures.push(`${label(call)} [${route}]: expected 200, got ${excerpt(res)}`);
          continue;
        }
        const body = res.json();
        const shown = showsB(body);
        if (notInData !== undefined && body.data?.some((x: { id: number }) => x.id === notInData)) {
          shown.push(`data[].id ${notInData}`);
        }
        if (shown.length) failures.push(`${label(call)} [${route}]: shows B at ${shown.join(', ')}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('refuses the limited manager every admin-only route with 403', async () => {
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(ROUTES)) {
      if (!entry.adminOnly) continue;
      const [method, path] = route.split(' ') as [Call['method'], string];
      const call = entry.write?.(w) ?? { method, url: path.replace('{id}', String(w.otherStaffId)) };
      const res = await send(manager, call);
      if (res.statusCode !== 403)
        failures.push(`${label(call)} [${route}]: expected 403, got ${excerpt(res)}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('refuses a read-only key every write with exactly 403, before validation, and nothing changes', {
    timeout: 300_000,
  }, async () => {
    const me = await send(readOnly, { method: 'GET', url: '/auth/me' });
    expect(me.statusCode, me.body).toBe(200);
    const failures: string[] = [];
    const writes = (await specRoutes()).filter((r) => !r.startsWith('GET ') && !(r in EXEMPT));
    expect(writes.length).toBeGreaterThan(40);
    for (const route of writes) {
      const entry = ROUTES[route];
      const first = entry?.cross?.(w)[0];
      const call = entry?.write?.(w) ?? first?.build(first.b);
      if (!call) {
        failures.push(`${route}: no request listed to try`);
        continue;
      }
      const malformed: Call = { ...call, payload: { zz_unknown: 'a\u0000b' }, headers: undefined };
      const before = await tableDigests(t.db);
      for (const [variant, attempt] of [
        ['well-formed', call],
        ['malformed body', malformed],
      ] as const) {
        const res = await send(readOnly, attempt);
        if (res.statusCode !== 403 || errorCode(res) !== 'forbidden') {
          failures.push(
            `${label(attempt)} [${route}, ${variant}]: expected 403 forbidden, got ${excerpt(res)}`,
          );
        }
      }
      const changed = changedTables(before, await tableDigests(t.db));
      if (changed.length)
        failures.push(`${route}: the read-only attempts changed ${changed.map((c) => c.split(':')[0])}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

/**
 * Everflow's API takes an operator key in X-Eflow-API-Key: every operation of the document is
 * listed with the scope it needs; a key without it is 403, a staff session (no key of Everflow's)
 * 401, and neither changes anything.
 */
const EVERFLOW_ROUTES: Record<
  string,
  { scope: 'read' | 'write'; method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: () => string; payload?: unknown }
> = {
  'POST /everflow/v1/networks/affiliatestable': {
    scope: 'read',
    method: 'POST',
    url: () => '/everflow/v1/networks/affiliatestable',
    payload: {},
  },
  'GET /everflow/v1/networks/affiliates/{affiliateId}': {
    scope: 'read',
    method: 'GET',
    url: () => `/everflow/v1/networks/affiliates/${w.a.affiliateId}`,
  },
  'POST /everflow/v1/networks/affiliates': {
    scope: 'write',
    method: 'POST',
    url: () => '/everflow/v1/networks/affiliates',
    payload: { name: 'Everflow matrix', account_status: 'active' },
  },
  'PUT /everflow/v1/networks/affiliates/{affiliateId}': {
    scope: 'write',
    method: 'PUT',
    url: () => `/everflow/v1/networks/affiliates/${w.a.affiliateId}`,
    payload: { name: 'Everflow matrix', account_status: 'active' },
  },
  'PATCH /everflow/v1/networks/patch/affiliates/apply': {
    scope: 'write',
    method: 'PATCH',
    url: () => '/everflow/v1/networks/patch/affiliates/apply',
    payload: {
      network_affiliate_ids: [w.a.affiliateId],
      fields: [{ field_type: 'internal_notes', field_value: 'Everflow matrix', operator: 'overwrite' }],
    },
  },
  'POST /everflow/v1/networks/patch/affiliates/submit': {
    scope: 'write',
    method: 'POST',
    url: () => '/everflow/v1/networks/patch/affiliates/submit',
    payload: {
      network_affiliate_ids: [w.a.affiliateId],
      fields: [{ field_type: 'internal_notes', field_value: 'Everflow matrix', operator: 'overwrite' }],
    },
  },
  'GET /everflow/v1/meta/timezones': {
    scope: 'read',
    method: 'GET',
    url: () => '/everflow/v1/meta/timezones',
  },
  'GET /everflow/v1/meta/languages': {
    scope: 'read',
    method: 'GET',
    url: () => '/everflow/v1/meta/languages',
  },
  'GET /everflow/v1/meta/instant_messaging': {
    scope: 'read',
    method: 'GET',
    url: () => '/everflow/v1/meta/instant_messaging',
  },
  'GET /everflow/v1/meta/currencies': {
    scope: 'read',
    method: 'GET',
    url: () => '/everflow/v1/meta/currencies',
  },
  'GET /everflow/v1/meta/tracking_domains': {
    scope: 'read',
    method: 'GET',
    url: () => '/everflow/v1/meta/tracking_domains',
  },
};

describe('Everflow API on operator keys', () => {
  it('lists every operation taking X-Eflow-API-Key', async () => {
    const spec = await openApi(t.app);
    const found = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { security?: Record<string, string[]>[] }>)
        .filter(([, op]) => op.security?.some((s) => 'everflowApiKey' in s))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(found.sort()).toEqual(Object.keys(EVERFLOW_ROUTES).sort());
  });

  it('refuses a key without the scope (403) and a staff session (401), changing nothing', async () => {
    const events = await t.apiKey(['events']);
    const failures: string[] = [];
    for (const [route, e] of Object.entries(EVERFLOW_ROUTES)) {
      const before = await tableDigests(t.db);
      const payload = e.payload === undefined ? {} : { payload: JSON.stringify(e.payload) };
      const json = e.payload === undefined ? {} : { 'content-type': 'application/json' };
      const under = e.scope === 'write' ? w.readOnly : events;
      const refused = await t.app.inject({
        method: e.method,
        url: e.url(),
        ...payload,
        headers: { ...json, 'x-eflow-api-key': under },
      });
      if (refused.statusCode !== 403)
        failures.push(`${route} without ${e.scope}: expected 403, got ${excerpt(refused)}`);
      const session = await t.app.inject({
        method: e.method,
        url: e.url(),
        ...payload,
        headers: { ...json, cookie: w.manager.cookie },
      });
      if (session.statusCode !== 401)
        failures.push(`${route} with a staff session: expected 401, got ${excerpt(session)}`);
      const changed = changedTables(before, await tableDigests(t.db)).filter(
        (c) => !c.startsWith('api_keys'),
      );
      if (changed.length)
        failures.push(`${route}: the refusals changed ${changed.map((c) => c.split(':')[0])}`);
    }
    const ok = await t.app.inject({
      method: 'GET',
      url: '/everflow/v1/meta/timezones',
      headers: { 'x-eflow-api-key': w.readOnly },
    });
    if (ok.statusCode !== 200) failures.push(`a read key on a read: ${excerpt(ok)}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

/**
 * MultiSafepay's partner API takes an operator key in its api_key header (or query): every
 * operation is listed with the scope it needs; a key without it is 403 in MultiSafepay's shape, a
 * staff session (no api_key) 401, and neither changes anything; a key with the scope reads.
 */
const MSP = '/multisafepay/v1/json';
const money = { amount: 100, currency: 'EUR', description: 'Matrix', order_id: 'matrix-msp' };
const MULTISAFEPAY_ROUTES: Record<
  string,
  {
    scope: 'read' | 'write' | 'finance';
    method: 'GET' | 'POST' | 'PATCH';
    url: () => string;
    payload?: unknown;
  }
> = {
  'GET /multisafepay/v1/json/accounts': { scope: 'read', method: 'GET', url: () => `${MSP}/accounts` },
  'GET /multisafepay/v1/json/accounts/{account_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}`,
  },
  'PATCH /multisafepay/v1/json/accounts/{account_id}': {
    scope: 'write',
    method: 'PATCH',
    url: () => `${MSP}/accounts/${w.a.affiliateId}`,
    payload: { city: 'Matrix' },
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/login-urls': {
    scope: 'write',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/login-urls`,
    payload: { expires_in: '5m' },
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/balances': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/balances`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/closing-balances': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/closing-balances`,
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/charges': {
    scope: 'finance',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/charges`,
    payload: money,
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/funds': {
    scope: 'finance',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/funds`,
    payload: money,
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/payouts': {
    scope: 'finance',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/payouts`,
    payload: money,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/autopayouts': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/autopayouts`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/autopayouts/{currency}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/autopayouts/EUR`,
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/autopayouts/{currency}': {
    scope: 'finance',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/autopayouts/EUR`,
    payload: { schedule: ['mon'] },
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/inquiries': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/inquiries`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/inquiries/{inquiry_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/inquiries/${w.correspondence.aInquiryId}`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/messages': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/messages`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/messages/{message_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/messages/${w.correspondence.aMessageId}`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/bank-accounts': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/bank-accounts`,
  },
  'GET /multisafepay/v1/json/bank-accounts/{bankaccount_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/bank-accounts/${w.wallet.aBankMethodId}`,
  },
  'GET /multisafepay/v1/json/bank-accounts/{bankaccount_id}/bank-statements': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/bank-accounts/${w.wallet.aBankMethodId}/bank-statements`,
  },
  'GET /multisafepay/v1/json/accounts/{account_id}/sites': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/sites`,
  },
  'POST /multisafepay/v1/json/accounts/{account_id}/sites': {
    scope: 'write',
    method: 'POST',
    url: () => `${MSP}/accounts/${w.a.affiliateId}/sites`,
    payload: { name: 'Matrix site', url: 'https://matrix.example', category: 100 },
  },
  'GET /multisafepay/v1/json/sites/{site_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/sites/${w.sites.aSiteId}`,
  },
  'PATCH /multisafepay/v1/json/sites/{site_id}': {
    scope: 'write',
    method: 'PATCH',
    url: () => `${MSP}/sites/${w.sites.aSiteId}`,
    payload: { name: 'Matrix site 2' },
  },
  'GET /multisafepay/v1/json/categories': { scope: 'read', method: 'GET', url: () => `${MSP}/categories` },
  'GET /multisafepay/v1/json/bank-statements/{bankstatement_id}': {
    scope: 'read',
    method: 'GET',
    url: () => `${MSP}/bank-statements/${w.wallet.aStatementId}`,
  },
};

describe('MultiSafepay API on operator keys', () => {
  it('lists every operation taking the api_key', async () => {
    const spec = await openApi(t.app);
    const found = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { security?: Record<string, string[]>[] }>)
        .filter(([, op]) => op.security?.some((s) => 'multisafepayApiKey' in s))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(found.sort()).toEqual(Object.keys(MULTISAFEPAY_ROUTES).sort());
  });

  it('refuses a key without the scope (403) and a staff session (401), changing nothing; a read key reads', async () => {
    const events = await t.apiKey(['events']);
    const failures: string[] = [];
    for (const [route, e] of Object.entries(MULTISAFEPAY_ROUTES)) {
      const before = await tableDigests(t.db);
      const payload = e.payload === undefined ? {} : { payload: JSON.stringify(e.payload) };
      const json = e.payload === undefined ? {} : { 'content-type': 'application/json' };
      const under = e.scope === 'read' ? events : w.readOnly;
      const call = (headers: Record<string, string>) =>
        t.app.inject({ method: e.method, url: e.url(), ...payload, headers: { ...json, ...headers } });
      const refused = await call({ api_key: under });
      if (refused.statusCode !== 403 || refused.json().error_code !== 403)
        failures.push(`${route} without ${e.scope}: expected 403, got ${excerpt(refused)}`);
      const session = await call({ cookie: w.manager.cookie });
      if (session.statusCode !== 401)
        failures.push(`${route} with a staff session: expected 401, got ${excerpt(session)}`);
      const changed = changedTables(before, await tableDigests(t.db)).filter(
        (c) => !c.startsWith('api_keys'),
      );
      if (changed.length)
        failures.push(`${route}: the refusals changed ${changed.map((c) => c.split(':')[0])}`);
      if (e.scope === 'read') {
        const ok = await call({ api_key: w.readOnly });
        if (ok.statusCode !== 200) failures.push(`${route} with a read key: ${excerpt(ok)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
