import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.ts';

/**
 * Calls under /api/v1 with the key: `api('PATCH', '/brands/1', { ... })`. Both are read at each
 * call, as a test file sets them in beforeAll.
 */
export const operatorApi =
  (app: () => TestApp, key: () => string) =>
  (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app().call(key(), {
      method,
      url: `/api/v1${url}`,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

/** The body of an answer that must have `status`. */
export async function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export const DAY = 86_400_000;
export const ago = (ms: number) => new Date(Date.now() - ms);
