import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityApp, type IdentityTestApp } from './helpers.ts';

// RATE_LIMIT_PER_IP=0 turns the per-address limit off (plugins/rate-limit.ts): more anonymous
// requests than the default allowance (600 per window) all get their normal answer.
let off: IdentityTestApp;
beforeAll(async () => {
  off = await createIdentityApp({ RATE_LIMIT_PER_IP: '0', RATE_LIMIT_WINDOW_SECONDS: '3600' });
});
afterAll(() => off.close());

describe('a rate limit of 0', () => {
  it('never answers 429 to an address', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 601; i++) {
      statuses.add(
        (await off.app.inject({ url: '/api/partner/v1/auth/me', remoteAddress: '10.7.0.1' })).statusCode,
      );
    }
    expect([...statuses]).toEqual([401]);
  });
});
