import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', logLevel: 'info', databaseUrl: undefined });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.cookieSecure).toBe(false);
    expect(config.reports.source).toBe('auto');
    expect(loadConfig({ REPORTS_SOURCE: 'postgres' }).reports.source).toBe('postgres');
  });

  it('reads overrides', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://aff.example.com/',
      DATABASE_URL: 'postgres://u@db/affluent',
      TRUST_PROXY: 'yes',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      publicUrl: 'https://aff.example.com',
      cookieSecure: true,
      databaseUrl: 'postgres://u@db/affluent',
      trustProxy: true,
    });
  });

  it.each([
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    ['PORT', '1.5', 'PORT must be a whole number'],
    ['TRUST_PROXY', 'maybe', 'TRUST_PROXY must be true or false (got "maybe")'],
    ['PUBLIC_URL', 'ftp://x', 'PUBLIC_URL must be a URL starting with http: or https:'],
    ['SECRET_KEY', 'short', 'SECRET_KEY must be at least 32 characters long'],
    ['REPORTS_SOURCE', 'mysql', 'REPORTS_SOURCE must be one of auto, postgres, clickhouse (got "mysql")'],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
