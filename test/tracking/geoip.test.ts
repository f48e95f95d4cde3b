import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { seedPromo } from './helpers.ts';

// Networks: 81.2.69.0/24 GB, 2001:db8::/32 DE, 192.0.2.0/24 only registered in FR (make-mmdb.ts).
const FIXTURE = path.join(import.meta.dirname, '../fixtures/geoip/country-test.mmdb');

let t: TestApp;
let code: string;
beforeAll(async () => {
  t = await createTestApp({
    TRACKING_FALLBACK_URL: 'https://fallback.example/',
    TRACKING_GEOIP_FILE: FIXTURE,
    TRUST_PROXY: 'true',
  });
  code = (await seedPromo(t, await t.apiKey(), 'https://a.example/')).promo.code;
});
afterAll(() => t.close());

async function countryOf(options: { remoteAddress?: string; forwardedFor?: string }): Promise<string | null> {
  const res = await t.app.inject({
    url: `/c/${code}`,
    remoteAddress: options.remoteAddress,
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
  });
  expect(res.statusCode).toBe(302);
  const id = res.cookies.find((c) => c.name === 'affluent_click')!.value;
  await t.app.tracking.clicks.flush();
  const row = await t.db
    .selectFrom('clicks')
    .select('country')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.country;
}

describe('click country from a MaxMind database', () => {
  it('records the located country of an IPv4 and an IPv6 visitor', async () => {
    expect(await countryOf({ remoteAddress: '81.2.69.160' })).toBe('GB');
    expect(await countryOf({ remoteAddress: '2001:db8:1::7' })).toBe('DE');
  });

  it('uses the address a trusted proxy forwards', async () => {
    expect(await countryOf({ remoteAddress: '10.0.0.2', forwardedFor: '81.2.69.1, 10.0.0.1' })).toBe('GB');
  });

  it('falls back to the registered country when the network has no located one', async () => {
    expect(await countryOf({ remoteAddress: '192.0.2.44' })).toBe('FR');
  });

  it('looks an IPv4-mapped IPv6 address up as IPv4', async () => {
    // The fixture, unlike MaxMind's databases, does not alias ::ffff:0:0/96: only the unmapping finds it.
    expect(await countryOf({ remoteAddress: '::ffff:81.2.69.1' })).toBe('GB');
  });

  it('keeps country null for addresses the database does not know', async () => {
    expect(await countryOf({ remoteAddress: '198.51.100.7' })).toBeNull();
    expect(await countryOf({ remoteAddress: '2001:db9::1' })).toBeNull();
    expect(await countryOf({ remoteAddress: '127.0.0.1' })).toBeNull();
  });
});

describe('TRACKING_GEOIP_FILE', () => {
  async function startWith(file: string): Promise<unknown> {
    const config = {
      ...loadConfig({ DATA_DIR: '.tmp/test-data', TRACKING_GEOIP_FILE: file }),
      secretKey: 'x'.repeat(48),
    };
    const app = await buildApp({ config, database: t.database });
    try {
      await app.ready();
      return null;
    } catch (error) {
      return error;
    } finally {
      await app.close();
    }
  }

  it('stops the start with a configuration error when the file does not exist', async () => {
    const missing = path.resolve('.tmp/no-such-dir/GeoLite2-Country.mmdb');
    const error = await startWith(missing);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`TRACKING_GEOIP_FILE ${missing} does not exist`);
  });

  it('stops the start with a configuration error when the file is not a MaxMind database', async () => {
    const error = await startWith(path.join(import.meta.dirname, 'geoip.test.ts'));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^TRACKING_GEOIP_FILE .*geoip\.test\.ts is not a readable MaxMind database/,
    );
  });
});
