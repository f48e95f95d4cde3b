// @internal: only core/clicks imports this file.
import maxmind, { type CountryResponse, type Reader } from 'maxmind';
import { ConfigError } from '../../config.ts';

/** Country (ISO 3166-1 alpha-2) of an address, or null when the database does not know it. */
export type CountryLookup = (ip: string) => string | null;

/**
 * Opens a MaxMind GeoIP2/GeoLite2 Country or City database. Without a configured file there is
 * no lookup and clicks keep country null; a configured file that cannot be read stops the start.
 */
export async function openCountryLookup(file: string | undefined): Promise<CountryLookup | null> {
  if (!file) return null;
  const reader = await openReader(file);
  return (ip) => {
    try {
      // Dual-stack sockets report IPv4 visitors as ::ffff:a.b.c.d, which not every database maps.
      const found = reader.get(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
      return found?.country?.iso_code ?? found?.registered_country?.iso_code ?? null;
    } catch {
      return null;
    }
  };
}

// The reader's own errors ("ENOENT ... stat", "Unknown type 130 at offset 1") name neither the
// setting nor what is wrong with the file.
async function openReader(file: string): Promise<Reader<CountryResponse>> {
  try {
    return await maxmind.open<CountryResponse>(file, { cache: { max: 10_000 } });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new ConfigError(`TRACKING_GEOIP_FILE ${file} does not exist`);
    throw new ConfigError(`TRACKING_GEOIP_FILE ${file} is not a readable MaxMind database: ${message}`);
  }
}
