import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('ANALYTICS_URL', () => {
  it('is off without it: everything stays on PostgreSQL', () => {
    expect(loadConfig({}).analytics).toBeUndefined();
    expect(loadConfig({ ANALYTICS_URL: '', ANALYTICS_BATCH_ROWS: '5' }).analytics).toBeUndefined();
  });

  it('reads the endpoint, the user, the password and the database from the URL', () => {
    const config = loadConfig({ ANALYTICS_URL: 'https://report%40er:p%3Ass@ch.example.com:8443/affluent' });
    expect(config.analytics).toEqual({
      url: 'https://ch.example.com:8443',
      username: 'report@er',
      password: 'p:ss',
      database: 'affluent',
      clickTtlDays: 400,
      batchRows: 10_000,
      flushIntervalMs: 2000,
      queryTimeoutMs: 30_000,
    });
  });

  it('defaults to the default user and database, and reads the tuning settings', () => {
    const config = loadConfig({
      ANALYTICS_URL: 'http://127.0.0.1:8123',
      ANALYTICS_CLICK_TTL_DAYS: '0',
      ANALYTICS_BATCH_ROWS: '500000',
      ANALYTICS_FLUSH_INTERVAL_MS: '250',
      ANALYTICS_QUERY_TIMEOUT_MS: '5000',
    });
    expect(config.analytics).toMatchObject({
      url: 'http://127.0.0.1:8123',
      username: 'default',
      password: '',
      database: 'default',
      clickTtlDays: 0,
      batchRows: 500_000,
      flushIntervalMs: 250,
      queryTimeoutMs: 5000,
    });
  });

  it.each([
    [
      { ANALYTICS_URL: 'clickhouse://h:9000/db' },
      'ANALYTICS_URL must be a URL starting with http: or https:',
    ],
    [{ ANALYTICS_URL: 'not a url' }, 'ANALYTICS_URL must be a URL'],
    [{ ANALYTICS_URL: 'http://h/a-b' }, `ANALYTICS_URL's path must be a database name`],
    [
      { ANALYTICS_URL: 'http://h', ANALYTICS_BATCH_ROWS: '500001' },
      'ANALYTICS_BATCH_ROWS must be a whole number from 1 to 500000',
    ],
    [
      { ANALYTICS_URL: 'http://h', ANALYTICS_CLICK_TTL_DAYS: '-1' },
      'ANALYTICS_CLICK_TTL_DAYS must be a whole number',
    ],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
