import { Decimal } from 'decimal.js';

/** Shape checks for affiliate fields; existence (currencies, countries, staff, ...) is in references.ts. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Digits with the usual separators and an optional leading +. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+?\d{4,20}$/.test(digits) && value.length <= 32;
}

export function isHttpUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export const isCurrencyCode = (v: string) => /^[A-Z][A-Z0-9]{2,9}$/.test(v);
export const isCountryCode = (v: string) => /^[A-Z]{2}$/.test(v);
export const isRegionCode = (v: string) => /^[A-Z0-9]{1,3}$/.test(v);
/** ISO 639-1, optionally with a region: en, fr, pt-BR. */
export const isLanguage = (v: string) => /^[a-z]{2}(-[A-Z]{2})?$/.test(v);

/** Smartico sends "EN", browsers "en-us": one spelling is stored. */
export function normalizeLanguage(v: string): string {
  const [lang, region] = v.trim().split(/[-_]/);
  return region ? `${lang!.toLowerCase()}-${region.toUpperCase()}` : lang!.toLowerCase();
}

let zones: Set<string> | undefined;
export function isTimezone(v: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones.has(v);
}

export function isDateOnly(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** One spelling per number: numeric(20,6) reads back 12.500000, which means the same as 12.5. */
export function canonicalDecimal(v: string): string {
  return isDecimal(v) || /^\d+\.\d+$/.test(v) ? new Decimal(v).toString() : v;
}

/** A decimal string with up to 6 places (numeric(20,6)). */
export function isDecimal(v: string): boolean {
  return /^\d{1,14}(\.\d{1,6})?$/.test(v);
}
