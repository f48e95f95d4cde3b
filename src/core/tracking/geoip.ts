import maxmind, { type CountryResponse } from 'maxmind';

/** Country (ISO 3166-1 alpha-2) of an address, or null when the database does not know it. */
export type CountryLookup = (ip: string) => string | null;

/**
 * Opens a MaxMind GeoIP2/GeoLite2 Country or City database. Without a configured file there is
 * no lookup and clicks keep country null; a configured file that cannot be read stops the start.
 */
export async function openCountryLookup(file: string | undefined): Promise<CountryLookup | null> {
  if (!file) return null;
  const reader = await maxmind.open<CountryResponse>(file, { cache: { max: 10_000 } });
  return (ip) => {
    try {
      const found = reader.get(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
      return found?.country?.iso_code ?? found?.registered_country?.iso_code ?? null;
    } catch {
      return null;
    }
  };
}
