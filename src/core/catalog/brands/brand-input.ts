// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import type { AttributionBinding } from '../../../db/tables/events.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { assertCurrency } from '../../reference/get-currency.ts';
import { ATTRIBUTION_BINDINGS } from '../types.ts';

export const MAX_LOOKBACK_DAYS = 3650;

export interface BrandInput {
  name?: string;
  base_currency?: string;
  tracking_domain?: string | null;
  enabled?: boolean;
  /** lifetime: the first attribution holds forever; last_click: a newer click takes over. */
  attribution_binding?: AttributionBinding;
  /** How old a click may be, in days, to attribute an event. */
  click_lookback_days?: number;
  /** Whether affiliates see the operator's customer ids whole, or masked. */
  show_customer_ids?: boolean;
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

/** A check that throws a field error adds its fields to `problems` instead. */
async function collect<T>(problems: FieldError[], check: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    problems.push(...((error.details as { fields: FieldError[] }).fields ?? []));
    return undefined;
  }
}

/** Checks and normalises the fields given, every problem in one answer; leaves absent fields absent. */
export async function checkBrandInput(db: Db, input: BrandInput): Promise<BrandInput> {
  const problems: FieldError[] = [];
  const out: BrandInput = { ...input };
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) problems.push({ path: 'name', message: 'must not be empty' });
  }
  if (input.base_currency !== undefined) {
    const base = input.base_currency;
    out.base_currency = (await collect(problems, () => assertCurrency(db, base, 'base_currency')))?.code;
  }
  out.tracking_domain = await collect(problems, () => normalizeTrackingDomain(input.tracking_domain));
  if (input.tracking_domain === undefined) delete out.tracking_domain;
  if (input.attribution_binding !== undefined && !ATTRIBUTION_BINDINGS.includes(input.attribution_binding))
    problems.push({
      path: 'attribution_binding',
      message:
        'must be lifetime (the first affiliate keeps the customer) or last_click (a newer click takes over)',
    });
  const days = input.click_lookback_days;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS))
    problems.push({
      path: 'click_lookback_days',
      message: `must be a whole number of days from 1 to ${MAX_LOOKBACK_DAYS}`,
    });
  if (problems.length) throw AppError.validation(problems);
  return out;
}
