import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { type Database, openDatabase } from './db/index.ts';
import { resolveSecrets } from './secrets.ts';

/** Prints one line and stops: how the server and the CLI report a setting or lock problem. */
export function fail(message: string): never {
  process.stderr.write(`affluent: ${message}\n`);
  process.exit(1);
}

export function loadConfigOrExit(): Config {
  try {
    return resolveSecrets(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
}

export async function openDatabaseOrExit(config: Config): Promise<Database> {
  try {
    return config.databaseUrl
      ? await openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax })
      : await openDatabase({ dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    throw error;
  }
}
