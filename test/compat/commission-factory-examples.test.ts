/**
 * Commission Factory's document (seeds/004), its example requests sent verbatim (only the host
 * and the key changed) against data seeded to match: the responses compared field by field with
 * the document's examples, the XML parsed by a real parser and checked against the document's
 * structure. This file holds only the document's three affiliates, so the whole list is theirs.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;

/** The document's example response, as JSON. */
const DOCUMENT_JSON = [
  {
    Id: 1,
    DateCreated: '2000-01-01T00:00:00.000',
    DateModified: '2000-01-01T00:00:00.000',
    DateApplied: '2000-01-01T00:00:00.000',
    DateApproved: '2000-01-01T00:00:00.000',
    ContactName: 'John Smith',
    BusinessName: 'Example Pty Ltd',
    Status: 'Approved',
    TrafficSources: null,
  },
  {
    Id: 2,
    DateCreated: '2000-01-01T00:00:00.000',
    DateModified: '2000-01-01T00:00:00.000',
    DateApplied: '2000-01-01T00:00:00.000',
    DateApproved: '2000-01-01T00:00:00.000',
    ContactName: 'Jane Doe',
    BusinessName: 'Sample Pty Ltd',
    Status: 'Approved',
    TrafficSources: null,
  },
  {
    Id: 3,
    DateCreated: '2000-01-01T00:00:00.000',
    DateModified: '2000-01-01T00:00:00.000',
    DateApplied: '2000-01-01T00:00:00.000',
    DateApproved: null,
    ContactName: 'John Citizen',
    BusinessName: null,
    Status: 'Pending',
    TrafficSources: null,
  },
];

/**
 * The document's example response, as XML (its last line reads `<AffiliateArray>` where the
 * closing tag is meant; a document ending so would not parse, so it is closed here).
 */
const DOCUMENT_XML = `<AffiliateArray xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://api.commissionfactory.com/V1/Merchant">
    <Affiliate>
        <Id>1</Id>
        <DateCreated>2000-01-01T00:00:00.000</DateCreated>
        <DateModified>2000-01-01T00:00:00.000</DateModified>
        <DateApplied>2000-01-01T00:00:00.000</DateApplied>
        <DateApproved>2000-01-01T00:00:00.000</DateApproved>
        <ContactName>John Smith</ContactName>
        <BusinessName>Example Pty Ltd</BusinessName>
        <Status>Approved</Status>
        <TrafficSources i:nil="true" />
    </Affiliate>
    <Affiliate>
        <Id>2</Id>
        <DateCreated>2000-01-01T00:00:00.000</DateCreated>
        <DateModified>2000-01-01T00:00:00.000</DateModified>
        <DateApplied>2000-01-01T00:00:00.000</DateApplied>
        <DateApproved>2000-01-01T00:00:00.000</DateApproved>
        <ContactName>Jane Doe</ContactName>
        <BusinessName>Sample Pty Ltd</BusinessName>
        <Status>Approved</Status>
        <TrafficSources i:nil="true" />
    </Affiliate>
    <Affiliate>
        <Id>3</Id>
        <DateCreated>2000-01-01T00:00:00.000</DateCreated>
        <DateModified>2000-01-01T00:00:00.000</DateModified>
        <DateApplied>2000-01-01T00:00:00.000</DateApplied>
        <DateApproved i:nil="true" />
        <ContactName>John Citizen</ContactName>
        <BusinessName i:nil="true" />
        <Status>Pending</Status>
        <TrafficSources i:nil="true" />
    </Affiliate>
</AffiliateArray>`;

const Y2K = new Date('2000-01-01T00:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.apiKey(['admin']);
  key = await t.apiKey(['read']);
  const seeded = [
    { name: 'Example', contact_name: 'John Smith', company_name: 'Example Pty Ltd', status: 'active' },
    { name: 'Sample', contact_name: 'Jane Doe', company_name: 'Sample Pty Ltd', status: 'active' },
    { name: 'Citizen', contact_name: 'John Citizen', status: 'pending' },
  ];
  for (const body of seeded) {
    const res = await t.call(admin, { method: 'POST', url: '/api/v1/affiliates', payload: body });
    expect(res.statusCode, res.body).toBe(201);
  }
  // The document's timestamps are all the first instant of 2000; nothing in the API sets a past one.
  await t.db.updateTable('affiliates').set({ created_at: Y2K, updated_at: Y2K, applied_at: Y2K }).execute();
  await t.db.updateTable('affiliates').set({ approved_at: Y2K }).where('status', '=', 'active').execute();
}, 120_000);
afterAll(() => t?.close());

/** The document's request line and headers, with the host and the key replaced. */
function documentRequest(accept: string) {
  return t.app.inject({
    method: 'GET',
    url: `/commissionfactory/V1/Merchant/Affiliates?apiKey=${key}`,
    headers: { accept, host: 'affluent.example' },
  });
}

/** Element names in document order, with their attributes, as a comparable outline. */
type Outline = { name: string; attrs: Record<string, string>; text?: string; children: Outline[] };
function outline(nodes: any[]): Outline[] {
  return nodes
    .filter((n) => !('#text' in n) || Object.keys(n).length > 1)
    .map((n) => {
      const name = Object.keys(n).find((k) => k !== ':@')!;
      const content = n[name] as any[];
      const text = content.find((c) => '#text' in c)?.['#text'];
      return {
        name,
        attrs: (n[':@'] ?? {}) as Record<string, string>,
        ...(text !== undefined ? { text: String(text) } : {}),
        children: outline(content.filter((c) => !('#text' in c))),
      };
    });
}
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
});

describe("Commission Factory's GET Affiliates examples", () => {
  it('answers the JSON example request with the JSON example response, field by field', async () => {
    const res = await documentRequest('application/json');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body).toEqual(DOCUMENT_JSON);
    // Names in the document's order, and the types it shows (toEqual alone ignores key order).
    for (const [i, affiliate] of body.entries()) {
      expect(Object.keys(affiliate)).toEqual(Object.keys(DOCUMENT_JSON[i]!));
      for (const [name, value] of Object.entries(DOCUMENT_JSON[i]!)) {
        expect(typeof affiliate[name], `${i}.${name}`).toBe(typeof value);
      }
    }
  });

  it('answers the XML example request with the XML example response, element by element', async () => {
    const res = await documentRequest('application/xml');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(XMLValidator.validate(DOCUMENT_XML)).toBe(true);
    const ours = outline(parser.parse(res.body));
    const theirs = outline(parser.parse(DOCUMENT_XML));
    expect(ours).toEqual(theirs);
    // The root carries the document's namespace and the XML Schema instance prefix.
    expect(ours[0]!.attrs).toEqual({
      'xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance',
      xmlns: 'https://api.commissionfactory.com/V1/Merchant',
    });
    expect(ours[0]!.children.map((c) => c.name)).toEqual(['Affiliate', 'Affiliate', 'Affiliate']);
  });

  it('answers JSON when the request names no type, as the original does by default', async () => {
    const res = await t.app.inject({ url: `/commissionfactory/V1/Merchant/Affiliates?apiKey=${key}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(DOCUMENT_JSON);
  });

  it('filters by status with the example affiliates: Approved is 1 and 2, Pending is 3', async () => {
    const ids = async (status: string) =>
      (
        await t.app.inject({
          url: `/commissionfactory/V1/Merchant/Affiliates?apiKey=${key}&status=${status}`,
        })
      )
        .json()
        .map((a: { Id: number }) => a.Id);
    expect(await ids('Approved')).toEqual([1, 2]);
    expect(await ids('Pending')).toEqual([3]);
    expect(await ids('pending')).toEqual([3]);
    expect(await ids('Invited')).toEqual([]);
  });
});
