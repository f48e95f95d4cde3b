import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['admin']);
});
afterAll(() => t.close());

describe('HTTP conventions', () => {
  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const insane = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await t.app.inject({ url: '/no/such/route', headers: { 'x-request-id': 'r1' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'not_found',
        message: 'no route for GET /no/such/route',
        details: null,
        request_id: 'r1',
      },
    });
  });

  it('lists every bad field by path in a 422', async () => {
    const res = await t.call(key, {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { scopes: ['read', 'nope'], extra: 1 },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['extra', 'name', 'scopes[1]']);
    const scope = body.error.details.fields.find((f: { path: string }) => f.path === 'scopes[1]');
    expect(scope.message).toContain('read, write, finance, admin');
  });

  it('names bad query parameters too', async () => {
    const res = await t.call(key, { url: '/api/v1/api-keys?include_revoked=maybe' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'include_revoked', in: 'querystring' });
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t.call(key, {
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('serves the OpenAPI 3.1 document and the interactive docs', async () => {
    const spec = await t.app.inject({ url: '/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/api-keys']).toBeDefined();
    expect(doc.components.schemas.ErrorBody).toBeDefined();
    const docs = await t.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    // The platform's own name, mark and favicon, not Swagger's.
    expect(docs.body).toContain('<title>Affluent API</title>');
    const icon = /<link rel="icon"[^>]* href="([^"]+favicon\.svg)"/.exec(docs.body)?.[1];
    expect(icon).toBeDefined();
    const favicon = await t.app.inject({ url: new URL(icon!, 'http://x/docs/').pathname });
    expect(favicon.body).toContain('<title>Affluent</title>');
    const init = await t.app.inject({ url: '/docs/static/swagger-initializer.js' });
    const logo = /img\.src = 'data:image\/svg\+xml;base64,([^']+)'/.exec(init.body)?.[1];
    expect(Buffer.from(logo ?? '', 'base64').toString()).toContain('>Affluent</text>');
  });

  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', pending_migrations: [] });
  });
});

describe('internal errors', () => {
  it('answers 500 without leaking the cause', async () => {
    const other = await createTestApp({}, (app) => {
      app.get('/boom', async () => {
        throw new Error('secret table name in stack');
      });
    });
    try {
      const res = await other.app.inject({ url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal_error');
      expect(res.body).not.toContain('secret table');
    } finally {
      await other.close();
    }
  });
});
