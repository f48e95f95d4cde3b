import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// What the script does in a browser: e2e/click-id-script.e2e.ts.
describe('GET /t.js', () => {
  it('serves the script to any site, cacheable, and answers 304 to its ETag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/t.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('window.affluent.clickId = ');
    expect(res.body).toContain("option('data-param', 'click_id')");
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);

    const again = await t.app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await t.app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': '"old"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('is documented in /docs with its options', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const doc = spec.paths['/t.js'].get;
    expect(doc.tags).toEqual(['events']);
    expect(doc.description).toContain('data-param');
    expect(doc.description).toContain('data-days');
    expect(Object.keys(doc.responses['200'].content)).toEqual(['text/javascript']);
  });
});
