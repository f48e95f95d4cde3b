import type { Operation } from './openapi.ts';
import type { Variant } from './variants.ts';
import { BOUNDARY, multipart, png } from './world.ts';

/** Credentials that are no credentials, and unauthenticated requests with a bad body. */
export function headerVariants(op: Operation, url: string, body: string | undefined): Variant[] {
  const withBody = body !== undefined ? { payload: body } : {};
  const json: Record<string, string> = body !== undefined ? { 'content-type': 'application/json' } : {};
  const partner = op.path.startsWith('/api/partner/');
  const cookie = partner ? 'affluent_portal' : 'affluent_session';
  const cases: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['bearer 5000 characters', { authorization: `Bearer ${'a'.repeat(5000)}` }],
    ['bearer injection', { authorization: "Bearer afl_' OR '1'='1" }],
    ['bearer empty', { authorization: 'Bearer ' }],
    ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['x-api-key injection', { 'x-api-key': "' OR 1=1 --" }],
    ['cookie garbage', { cookie: `${cookie}=%00%27%20OR%201%3D1` }],
    ['cookie 5000 characters', { cookie: `${cookie}=${'s'.repeat(5000)}` }],
  ];
  const out: Variant[] = cases.map(([name, headers]) => ({
    name: `anonymous, ${name}`,
    verdict: op.secured ? 'no' : 'maybe',
    url,
    anonymous: true,
    headers: { ...json, ...headers },
    ...withBody,
  }));
  for (const [name, headers] of [
    ['x-request-id 5000 characters', { 'x-request-id': 'r'.repeat(5000) }],
    ['x-request-id latin-1', { 'x-request-id': 'req-é-ÿ' }],
    ['accept nonsense', { accept: 'application/x-nonsense;q=0' }],
  ] as const) {
    out.push({
      name: `anonymous, ${name}`,
      verdict: op.secured ? 'no' : 'maybe',
      url,
      anonymous: true,
      headers,
    });
  }
  return out;
}

/**
 * A multipart upload's malformed forms: no boundary, a truncated body, no file, a file that is no
 * image, bad text in fields, and odd ids in the id fields. Every one must be refused.
 */
export function multipartVariants(url: string): Variant[] {
  const type = (boundary: string | null) => ({
    'content-type': boundary === null ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`,
  });
  const image = { name: 'banner.png', type: 'image/png', data: png(120, 60) };
  const form = (fields: Record<string, string>, withFile = false) =>
    multipart(fields, withFile ? image : undefined);
  const whole = form({ title: 'Banner' }, true);
  const boundary = BOUNDARY;
  const out: Variant[] = [
    { name: 'multipart without boundary', verdict: 'no', url, payload: whole, headers: type(null) },
    {
      name: 'multipart truncated body',
      verdict: 'no',
      url,
      payload: whole.subarray(0, whole.length - 40),
      headers: type(boundary),
    },
    {
      name: 'multipart cut in the headers',
      verdict: 'no',
      url,
      payload: whole.subarray(0, 60),
      headers: type(boundary),
    },
    { name: 'multipart empty body', verdict: 'no', url, payload: Buffer.alloc(0), headers: type(boundary) },
    {
      name: 'multipart other boundary',
      verdict: 'no',
      url,
      payload: whole,
      headers: type('nothing-like-it'),
    },
    {
      name: 'multipart boundary 200 characters',
      verdict: 'no',
      url,
      payload: whole,
      headers: type('b'.repeat(200)),
    },
    {
      name: 'multipart without file',
      verdict: 'no',
      url,
      payload: form({ title: 'Banner' }),
      headers: type(boundary),
    },
    {
      name: 'multipart file that is no image',
      verdict: 'no',
      url,
      payload: multipart(
        { title: 'Banner' },
        { name: 'x.png', type: 'image/png', data: Buffer.from('#!/bin/sh\n') },
      ),
      headers: type(boundary),
    },
    {
      name: 'JSON instead of multipart',
      verdict: 'no',
      url,
      payload: '{"title":"Banner"}',
      headers: { 'content-type': 'application/json' },
    },
  ];
  const fields: [string, string][] = [
    ['title', 'a\u0000b'],
    ['title', 'x'.repeat(20_000)],
    ['is_public', 'maybe'],
    ...['brand_id', 'affiliate_ids'].flatMap((f) =>
      ['+1', '0x10', '1e400', 'Infinity', '-1', '0', '99999999999999999999', '1.5', '1,abc'].map(
        (v) => [f, v] as [string, string],
      ),
    ),
  ];
  for (const [field, value] of fields) {
    out.push({
      name: `multipart ${field}=${value.length > 20 ? `${value.slice(0, 5)}…(${value.length})` : JSON.stringify(value)}`,
      verdict: 'no',
      url,
      payload: form({ title: 'Banner', [field]: value }, true),
      headers: type(boundary),
    });
  }
  // A lone surrogate has no UTF-8 form; its CESU-8 bytes are invalid UTF-8, read as U+FFFD or refused.
  const invalid = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n`),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from('\r\n'),
    form({}, true).subarray(0),
  ]);
  out.push({
    name: 'multipart title of invalid UTF-8',
    verdict: 'maybe',
    url,
    payload: invalid,
    headers: type(boundary),
  });
  return out;
}
