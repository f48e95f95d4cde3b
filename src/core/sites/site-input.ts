// @internal: every problem of a site's fields at once, in the words a person reads
import type { Db } from '../../db/index.ts';
import { isEmail, isHttpUrl, isPhone } from '../affiliates/formats.ts';
import { AppError, type FieldError } from '../errors.ts';
import { findCurrency } from '../reference/get-currency.ts';
import { isSiteCategory } from './categories.ts';
import type { SiteRow } from './site-view.ts';

/** What an affiliate fills in; on an update, an absent key keeps its value and null clears it. */
export interface SiteInput {
  name?: string;
  url?: string;
  notification_url?: string | null;
  category_code?: number;
  price_from?: number | string | bigint | null;
  price_till?: number | string | bigint | null;
  price_currency?: string;
  support_email?: string | null;
  support_phone?: string | null;
}

export interface SiteValues {
  name: string;
  url: string;
  notification_url: string | null;
  category_code: number;
  price_from: bigint | null;
  price_till: bigint | null;
  price_currency: string;
  support_email: string | null;
  support_phone: string | null;
}

const text = (v: string | null | undefined) => (v ?? '').trim();

function amount(problems: FieldError[], path: string, v: SiteInput['price_from']): bigint | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim();
  if (!/^\d{1,15}$/.test(s)) {
    problems.push({ path, message: 'must be a whole amount in cents (minor units), 0 or more' });
    return null;
  }
  return BigInt(s);
}

/** The values to store: `current` fills what an update leaves out. */
export async function checkSiteInput(db: Db, input: SiteInput, current?: SiteRow): Promise<SiteValues> {
  const problems: FieldError[] = [];
  const pick = <K extends keyof SiteInput>(k: K) =>
    input[k] === undefined && current ? current[k as keyof SiteRow] : input[k];

  const name = text(pick('name') as string);
  if (!name) problems.push({ path: 'name', message: 'is required' });
  else if (name.length > 120) problems.push({ path: 'name', message: 'must be at most 120 characters' });

  const url = text(pick('url') as string);
  if (!url) problems.push({ path: 'url', message: 'is required' });
  else if (!isHttpUrl(url))
    problems.push({ path: 'url', message: 'enter an address like https://example.com' });

  const notification = text(pick('notification_url') as string | null) || null;
  if (notification && !isHttpUrl(notification))
    problems.push({ path: 'notification_url', message: 'enter an address like https://example.com/notify' });

  const category = pick('category_code') as number | undefined;
  if (category === undefined || category === null)
    problems.push({ path: 'category_code', message: 'is required: choose a category' });
  else if (!isSiteCategory(category))
    problems.push({ path: 'category_code', message: 'is not one of the categories' });

  const priceFrom =
    input.price_from === undefined && current
      ? current.price_from
      : amount(problems, 'price_from', input.price_from);
  const priceTill =
    input.price_till === undefined && current
      ? current.price_till
      : amount(problems, 'price_till', input.price_till);
  if (priceFrom !== null && priceTill !== null && priceFrom > priceTill)
    problems.push({ path: 'price_till', message: 'must be at least the lowest price' });

  const currency = (text(pick('price_currency') as string) || 'EUR').toUpperCase();
  if (!(await findCurrency(db, currency)))
    problems.push({ path: 'price_currency', message: 'must be a currency code, e.g. "EUR"' });

  const email = text(pick('support_email') as string | null) || null;
  if (email && email.length > 64)
    problems.push({ path: 'support_email', message: 'must be at most 64 characters' });
  else if (email && !isEmail(email))
    problems.push({ path: 'support_email', message: 'enter an email like name@example.com' });

  const phone = text(pick('support_phone') as string | null) || null;
  if (phone && phone.length > 15)
    problems.push({ path: 'support_phone', message: 'must be at most 15 characters' });
  else if (phone && !isPhone(phone))
    problems.push({ path: 'support_phone', message: 'enter a phone number like +31 20 123 4567' });

  if (problems.length) throw AppError.validation(problems);
  return {
    name,
    url,
    notification_url: notification,
    category_code: category!,
    price_from: priceFrom,
    price_till: priceTill,
    price_currency: currency,
    support_email: email,
    support_phone: phone,
  };
}
