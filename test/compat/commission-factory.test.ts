/**
 * Commission Factory's merchant affiliates API beyond the document's examples: one affiliate with
 * its TrafficSources (JSON and XML), the status table both ways, and bad input in the vendor's
 * shape (unknown status, bad id, wrong, missing and under-scoped keys, over the call limits),
 * each refusal changing nothing. The examples themselves: commission-factory-examples.test.ts.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../affiliates/helpers.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
const ids: Record<string, number> = {};

const create = async (body: Record<string, unknown>) => {
  const res = await t.call(admin, { method: 'POST', url: '/api/v1/affiliates', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const setStatus = async (id: number, status: string) => {
  const res = await t.call(admin, { method: 'PATCH', url: `/api/v1/affiliates/${id}`, payload: { status } });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  ids.site = await create({
    name: 'Moto Reviews',
    contact_name: 'Ann Rider',
    company_name: 'Moto Media Pty Ltd',
    website_url: 'https://www.moto.example/reviews',
    status: 'active',
  });
  ids.pending = await create({ name: 'Fresh', website_url: 'https://fresh.example/', status: 'pending' });
  ids.viewOnly = await create({ name: 'Looker', contact_name: 'Lou Looker', status: 'view_only' });
  ids.declined = await create({ name: 'Nope', status: 'pending' });
  await setStatus(ids.declined, 'declined');
  ids.suspended = await create({ name: 'Paused', status: 'active' });
  await setStatus(ids.suspended, 'suspended');
  ids.inactive = await create({ name: 'Off', status: 'active' });
  await setStatus(ids.inactive, 'inactive');
}, 120_000);
afterAll(() => t?.close());

/** Each test its own key: the call limits count per key. */
const readKey = () => t.apiKey(['read']);
const get = (path: string, query: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url: `/commissionfactory/V1/Merchant/Affiliates${path}?${query}`, headers });
/** The Affiliate type's properties in the document's order. */
const AFFILIATE_ORDER = [
  'Id',
  'DateCreated',
  'DateModified',
  'DateApplied',
  'DateApproved',
  'ContactName',
  'BusinessName',
  'Status',
  'TrafficSources',
];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false });

describe('GET Affiliates/{id} (Commission Factory)', () => {
  it('answers one affiliate with its website as a Website traffic source, as the native record says', async () => {
    const key = await readKey();
    const res = await get(`/${ids.site}`, `apiKey=${key}`);
    expect(res.statusCode, res.body).toBe(200);
    const native = (await t.call(admin, { url: `/api/v1/affiliates/${ids.site}` })).json();
    const day = (iso: string) => new Date(iso).toISOString().slice(0, 23);
    const body = res.json();
    expect(Object.keys(body)).toEqual(AFFILIATE_ORDER);
    expect(body).toEqual({
      Id: ids.site,
      DateCreated: day(native.created_at),
      DateModified: day(native.updated_at),
      DateApplied: day(native.applied_at),
      DateApproved: day(native.approved_at),
      ContactName: 'Ann Rider',
      BusinessName: 'Moto Media Pty Ltd',
      Status: 'Approved',
      TrafficSources: [
        {
          Type: 'Website',
          Status: 'Approved',
          WebsiteDateCreated: day(native.created_at),
          WebsiteDateModified: day(native.updated_at),
          WebsiteUrl: 'https://www.moto.example/reviews',
          WebsiteName: 'www.moto.example',
          WebsiteDescription: null,
          WebsiteCategory: null,
          WebsiteType: null,
          WebsiteWeeklyVisitors: null,
          WebsiteYearsOnline: null,
          WebsiteChannel: null,
          WebsiteVerified: false,
        },
      ],
    });
    expect(body.DateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('answers the same affiliate in XML: the namespace, nested TrafficSource elements in order, nil nulls', async () => {
    const key = await readKey();
    const res = await get(`/${ids.site}`, `apiKey=${key}`, { accept: 'application/xml' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const doc = parser.parse(res.body);
    const affiliate = doc.Affiliate;
    expect(affiliate.xmlns).toBe('https://api.commissionfactory.com/V1/Merchant');
    expect(affiliate['xmlns:i']).toBe('http://www.w3.org/2001/XMLSchema-instance');
    expect(affiliate.Id).toBe(String(ids.site));
    expect(affiliate.Status).toBe('Approved');
    const source = affiliate.TrafficSources.TrafficSource;
    expect(source.Type).toBe('Website');
    expect(source.WebsiteUrl).toBe('https://www.moto.example/reviews');
    expect(source.WebsiteDescription).toEqual({ 'i:nil': 'true' });
    expect(source.WebsiteVerified).toBe('false');
    const order = [...res.body.matchAll(/<(\w+)[ />]/g)].map((m) => m[1]);
    expect(order.slice(0, 10)).toEqual(['Affiliate', ...AFFILIATE_ORDER]);
  });

  it('shows a pending application and its website as Pending, DateApproved null, no company as null', async () => {
    const key = await readKey();
    const body = (await get(`/${ids.pending}`, `apiKey=${key}`)).json();
    expect(body).toMatchObject({
      Status: 'Pending',
      DateApproved: null,
      BusinessName: null,
      ContactName: 'Fresh',
    });
    expect(body.TrafficSources.map((s: { Status: string }) => s.Status)).toEqual(['Pending']);
    const noSite = (await get(`/${ids.viewOnly}`, `apiKey=${key}`)).json();
    expect(noSite).toMatchObject({ Status: 'Approved', ContactName: 'Lou Looker', TrafficSources: [] });
  });

  it('answers 404 in its shape for declined, suspended and inactive accounts, exactly as for a missing id', async () => {
    const key = await readKey();
    const missing = await get('/999999', `apiKey=${key}`);
    expect(missing.statusCode).toBe(404);
    expect(Object.keys(missing.json())).toEqual(['Message']);
    for (const id of [ids.declined, ids.suspended, ids.inactive]) {
      const res = await get(`/${id}`, `apiKey=${key}`);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).toBe(missing.body);
    }
  });
});

describe('GET Affiliates (Commission Factory): the status table both ways', () => {
  it('maps active and view_only to Approved, pending to Pending, and leaves the others out', async () => {
    const key = await readKey();
    const list = (await get('', `apiKey=${key}`)).json() as {
      Id: number;
      Status: string;
      TrafficSources: null;
    }[];
    expect(list.map((a) => [a.Id, a.Status])).toEqual([
      [ids.site, 'Approved'],
      [ids.pending, 'Pending'],
      [ids.viewOnly, 'Approved'],
    ]);
    expect(list.every((a) => a.TrafficSources === null)).toBe(true);
    const approved = (await get('', `apiKey=${key}&status=Approved`)).json().map((a: { Id: number }) => a.Id);
    expect(approved).toEqual([ids.site, ids.viewOnly]);
  });

  it('follows a native status change: suspending an approved affiliate takes it out of the list', async () => {
    const key = await readKey();
    const id = await create({ name: 'Soon paused', status: 'active' });
    const listed = async () => (await get('', `apiKey=${key}`)).json().map((a: { Id: number }) => a.Id);
    expect(await listed()).toContain(id);
    await setStatus(id, 'suspended');
    expect(await listed()).not.toContain(id);
  });

  it('takes ?contentType= over the Accept header, and text/xml as XML', async () => {
    const key = await readKey();
    const xml = await get('', `apiKey=${key}&contentType=application/xml`, { accept: 'application/json' });
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.body.startsWith('<AffiliateArray')).toBe(true);
    const text = await get('', `apiKey=${key}`, { accept: 'text/xml' });
    expect(text.body.startsWith('<AffiliateArray')).toBe(true);
    const preferJson = await get('', `apiKey=${key}`, { accept: 'application/xml;q=0.5, application/json' });
    expect(preferJson.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('Commission Factory bad input, in its error shape', () => {
  const refusal = async (
    path: string,
    query: string,
    status: number,
    message: RegExp,
    headers: Record<string, string> = {},
  ) => {
    const before = await snapshot(t.db);
    const res = await get(path, query, headers);
    expect(res.statusCode, res.body).toBe(status);
    if (headers.accept === 'application/xml') {
      expect(XMLValidator.validate(res.body)).toBe(true);
      expect(parser.parse(res.body).Error.Message).toMatch(message);
    } else {
      expect(Object.keys(res.json())).toEqual(['Message']);
      expect(res.json().Message).toMatch(message);
    }
    expect(await snapshot(t.db)).toBe(before);
    return res;
  };

  it('answers an unknown status with 400 naming the parameter and the values', async () => {
    const key = await readKey();
    await refusal(
      '',
      `apiKey=${key}&status=Declined`,
      400,
      /^One or more parameters could not be parsed correctly\. status: must be one of Approved, Pending, Invited$/,
    );
    await refusal('', `apiKey=${key}&status=Declined`, 400, /status: must be one of/, {
      accept: 'application/xml',
    });
  });

  it('answers an id that is no number with 400', async () => {
    const key = await readKey();
    await refusal('/abc', `apiKey=${key}`, 400, /could not be parsed correctly.*id/);
    await refusal('/0x10', `apiKey=${key}`, 400, /could not be parsed correctly/);
  });

  it('answers a missing, wrong or revoked key with 401, before the parameters are looked at', async () => {
    await refusal(
      '',
      'status=Nonsense',
      401,
      /^The API key is missing, invalid, or for a different account type\. Send it/,
    );
    await refusal('', 'apiKey=afl_not-a-key&status=Nonsense', 401, /invalid or revoked/);
    await refusal('', 'apiKey=afl_not-a-key', 401, /invalid or revoked/, { accept: 'application/xml' });
    const created = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'integration', scopes: ['read'] },
    });
    const { key, api_key } = created.json();
    expect((await get(`/${ids.site}`, `apiKey=${key}`)).statusCode).toBe(200);
    const revoked = await t.call(admin, { method: 'DELETE', url: `/api/v1/api-keys/${api_key.id}` });
    expect(revoked.statusCode, revoked.body).toBeLessThan(300);
    await refusal(`/${ids.site}`, `apiKey=${key}`, 401, /invalid or revoked/);
  });

  it('answers a key without the read scope with 401 (the original has no 403)', async () => {
    const events = await t.apiKey(['events']);
    await refusal('', `apiKey=${events}`, 401, /lacks the "read" scope/);
    // Any scope that includes read will do.
    for (const scopes of [['finance'], ['support'], ['write']]) {
      const res = await get('', `apiKey=${await t.apiKey(scopes)}`);
      expect(res.statusCode, `${scopes}: ${res.body}`).toBe(200);
    }
  });

  it('answers the 31st call of a key within 60 seconds with 429 and Retry-After; another key is not held up', async () => {
    const key = await readKey();
    for (let i = 0; i < 30; i++) {
      const res = await get(`/${ids.site}`, `apiKey=${key}`);
      expect(res.statusCode, `call ${i + 1}: ${res.body}`).toBe(200);
    }
    const over = await refusal(
      '',
      `apiKey=${key}`,
      429,
      /^The API call rate limit .* exceeded\. more than 30 calls in 60 seconds/,
    );
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await refusal('', `apiKey=${key}`, 429, /more than 30 calls/, { accept: 'application/xml' });
    const other = await get('', `apiKey=${await readKey()}`);
    expect(other.statusCode).toBe(200);
  });

  it('answers a second call of a key while its first is in progress with 429', async () => {
    const key = await readKey();
    const [first, second] = await Promise.all([get('', `apiKey=${key}`), get('', `apiKey=${key}`)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 429]);
    const refused = first.statusCode === 429 ? first : second;
    expect(refused.json().Message).toMatch(/still in progress/);
    // Once the first has finished, the key may call again.
    expect((await get('', `apiKey=${key}`)).statusCode).toBe(200);
  });

  it('answers an unknown path under the API with 404 in its shape', async () => {
    const key = await readKey();
    const res = await t.app.inject({ url: `/commissionfactory/V1/Merchant/Nothing?apiKey=${key}` });
    expect(res.statusCode).toBe(404);
    expect(Object.keys(res.json())).toEqual(['Message']);
  });
});
