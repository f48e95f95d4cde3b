// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { assertCurrency } from '../../reference/get-currency.ts';

export interface BrandInput {
  name?: string;
  base_currency?: string;
  tracking_domain?: string | null;
  enabled?: boolean;
}

/** A tracking domain is an origin (`https://go.example.com`); tracking links are written on it. */
export function normalizeTrackingDomain(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const raw = value.trim();
  if (raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    throw AppError.field('tracking_domain', 'must be a host name or an http(s) origin');
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.pathname !== '/' || parsed.search) {
    throw AppError.field('tracking_domain', 'must be a host name or an http(s) origin, without a path');
  }
  return parsed.origin;
}

/** Checks and normalises the fields given; leaves absent fields absent. */
export async function checkBrandInput(db: Db, input: BrandInput): Promise<BrandInput> {
  const out: BrandInput = { ...input };
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) throw AppError.field('name', 'must not be empty');
  }
  if (input.base_currency !== undefined) {
    out.base_currency = (await assertCurrency(db, input.base_currency, 'base_currency')).code;
  }
  out.tracking_domain = normalizeTrackingDomain(input.tracking_domain);
  return out;
}
