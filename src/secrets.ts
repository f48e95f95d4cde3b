import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { randomToken } from './core/auth/secrets.ts';

interface Secrets {
  secret_key: string;
}

/**
 * Signing secrets come from SECRET_KEY, or are generated on first start and kept (mode 600) in the
 * data directory, so sessions and signed links survive restarts without any set-up.
 */
export function resolveSecrets(config: Config): Config {
  if (config.secretKey) return config;
  const file = path.join(config.dataDir, 'secrets.json');
  let secrets: Secrets | undefined;
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!secrets?.secret_key) {
    secrets = { secret_key: randomToken(48) };
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return { ...config, secretKey: secrets.secret_key };
}
