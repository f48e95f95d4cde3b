import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { seedBrand, uid } from '../events/helpers.ts';
import type { TestApp } from '../support/test-app.ts';

export interface Received {
  method: string;
  url: string;
  body: string;
  at: number;
  headers: Record<string, string>;
}

export type Answer = (
  request: Received,
  index: number,
) =>
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  | Promise<{ status: number; body?: string; headers?: Record<string, string> }>;

/** A tracker on a free local port: records every request and answers as `answer` says (200 by default). */
export async function startReceiver(answer: Answer = () => ({ status: 200, body: 'ok' })) {
  const received: Received[] = [];
  let respond = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
        headers: req.headers as Record<string, string>,
      };
      received.push(request);
      const reply = await respond(request, received.length - 1);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    received,
    answer(next: Answer) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The app with private targets allowed (the receiver is on loopback). */
export const POSTBACK_ENV = { POSTBACKS_ALLOW_PRIVATE: 'true' };

/** A brand, affiliate, campaign and promo, with keys for the operator API and events. */
export async function seedProgram(t: TestApp, admin: string) {
  const s = await seedBrand(t, admin);
  return s;
}

export async function createPostback(t: TestApp, admin: string, body: Record<string, unknown>) {
  const res = await t.call(admin, { method: 'POST', url: '/api/v1/postbacks', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; [k: string]: unknown };
}

export function event(brandId: number, fields: Record<string, unknown>) {
  return {
    event_id: uid('ev'),
    brand_id: brandId,
    customer_id: uid('player'),
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    ...fields,
  };
}

export async function postEvents(t: TestApp, key: string, events: unknown[]) {
  const res = await t.call(key, { method: 'POST', url: '/api/v1/events', payload: { events } as never });
  expect(res.statusCode, res.body).toBe(200);
  const results = res.json().results as { status: string; event: { id: number } }[];
  for (const r of results) expect(r.status, JSON.stringify(r)).toBe('created');
  return results.map((r) => r.event);
}

export async function log(t: TestApp, admin: string, query = '') {
  const res = await t.call(admin, { method: 'GET', url: `/api/v1/postback-log?page_size=500${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Record<string, any>[];
}

export { uid };
