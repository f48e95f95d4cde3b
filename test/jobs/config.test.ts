import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('job queue configuration', () => {
  it('runs workers by default, two jobs of each type at once', () => {
    expect(loadConfig({}).jobs).toEqual({ enabled: true, workers: 2, testJobs: false });
    expect(loadConfig({ JOBS_ENABLED: 'false', JOBS_WORKERS: '8' }).jobs).toMatchObject({
      enabled: false,
      workers: 8,
    });
  });

  it.each([
    ['JOBS_ENABLED', 'sometimes', 'JOBS_ENABLED must be true or false (got "sometimes")'],
    ['JOBS_WORKERS', '0', 'JOBS_WORKERS must be a whole number from 1 to 100 (got "0")'],
    ['JOBS_WORKERS', 'many', 'JOBS_WORKERS must be a whole number from 1 to 100 (got "many")'],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
