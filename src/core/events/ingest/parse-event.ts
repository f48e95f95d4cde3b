import { createHash } from 'node:crypto';
import type { FieldError } from '../../errors.ts';
import {
  ACTIVITY_FIELDS,
  type ActivityFigures,
  EVENT_TYPES,
  type EventHints,
  type EventInput,
  MONEY_TYPES,
  PRODUCTS,
} from '../event-input.ts';

export interface ParseContext {
  currencies: ReadonlySet<string>;
  countries: ReadonlySet<string>;
  now: Date;
}

/** The fields of an event item, as the API and the CSV import name them. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'event_id',
  'brand_id',
  'customer_id',
  'occurred_at',
  'amount',
  'currency',
  'country',
  'name',
  'order_id',
  'subscription_id',
  'original_event_id',
  'original_event_type',
  'period_start',
  'period_end',
  'activity',
  'products',
  'click_id',
  'coupon_code',
  'affiliate_id',
  'campaign_id',
  'email',
  'email_hash',
  'ip',
  'device_id',
  'metadata',
  // Accepted and ignored: the platform decides which deposit is the first.
  'is_ftd',
]);

// A caller's clock may run a little ahead of ours; more than this is a mistake.
const FUTURE_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

/** The item as sent, keys sorted at every level: equal for the same body whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built by concatenation (no arrays of parts): this runs for every item of every batch.
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i ? ',' : ''}${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`;
  }
  return `${out}}`;
}

export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * Checks one event item and returns it in native types, or every problem it has (paths are
 * prefixed with `prefix`, e.g. `events[3].`). Nothing here reads the database: what depends on
 * stored data (an unknown original event, a brand that does not exist) is checked while recording.
 */
export function parseEvent(
  raw: unknown,
  context: ParseContext,
  prefix = '',
): { input: EventInput; errors?: undefined } | { input?: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ path: `${prefix}${field}`, message });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { errors: [{ path: prefix.replace(/\.$/, '') || 'body', message: 'must be an event object' }] };
  }
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key)) fail(key, 'is not a field of an event');

  const text = (field: string, max: number, required = false): string | null => {
    const value = body[field];
    if (value === undefined || value === null) {
      if (required) fail(field, 'is required');
      return null;
    }
    if (typeof value !== 'string') {
      fail(field, 'must be text');
      return null;
    }
    if (value.trim() === '') {
      if (required) fail(field, 'is required');
      else fail(field, 'must not be empty (leave it out instead)');
      return null;
    }
    if (value.length > max) {
      fail(field, `must be at most ${max} characters`);
      return null;
    }
    return value;
  };
  const id = (field: string, required = false): number | null => {
    const value = body[field];
    if (value === undefined || value === null) {
      if (required) fail(field, 'is required');
      return null;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
      fail(field, 'must be a whole number id (1 or more)');
      return null;
    }
    return value;
  };
  const minor = (value: unknown, field: string, { positive = false, signed = false } = {}): bigint | null => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(field, 'must be a whole number of minor units (cents), e.g. 1050 for 10.50');
      return null;
    }
    if (!Number.isInteger(value)) {
      fail(field, 'must be a whole number of minor units (cents), not a decimal: 10.50 is sent as 1050');
      return null;
    }
    const amount = BigInt(value);
    if (amount > MAX_MINOR || amount < -MAX_MINOR) {
      fail(field, 'is too large');
      return null;
    }
    if (positive && amount <= 0n) {
      fail(field, 'must be more than 0');
      return null;
    }
    if (!signed && amount < 0n) {
      fail(field, 'must not be negative');
      return null;
    }
    return amount;
  };

  const typeValue = body.type;
  let type: EventInput['type'] | null = null;
  if (typeValue === undefined || typeValue === null) fail('type', 'is required');
  else if (typeof typeValue !== 'string' || !(EVENT_TYPES as readonly string[]).includes(typeValue))
    fail('type', `must be one of ${EVENT_TYPES.join(', ')}`);
  else type = typeValue as EventInput['type'];

  const eventId = text('event_id', 200, true);
  const brandId = id('brand_id', true);
  const customerId = text('customer_id', 200, true);

  let occurredAt: Date | null = null;
  const occurred = body.occurred_at;
  if (occurred === undefined || occurred === null) fail('occurred_at', 'is required');
  else if (
    typeof occurred !== 'string' ||
    !ISO_DATE_TIME.test(occurred) ||
    Number.isNaN(Date.parse(occurred))
  )
    fail('occurred_at', 'must be a date and time with its time zone, e.g. 2026-11-30T18:45:00Z');
  else {
    const ms = Date.parse(occurred);
    if (ms > context.now.getTime() + FUTURE_SKEW_MS) fail('occurred_at', 'must not be in the future');
    else if (ms < EARLIEST) fail('occurred_at', 'must be in the year 2000 or later');
    else occurredAt = new Date(ms);
  }

  let currency: string | null = null;
  if (body.currency !== undefined && body.currency !== null) {
    if (typeof body.currency !== 'string' || !context.currencies.has(body.currency.toUpperCase()))
      fail('currency', 'must be a known currency code, e.g. EUR');
    else currency = body.currency.toUpperCase();
  }
  let amount: bigint | null = null;
  if (body.amount !== undefined && body.amount !== null) {
    amount = minor(body.amount, 'amount', { positive: type !== null && MONEY_TYPES.includes(type) });
    if (currency === null && body.currency == null) fail('currency', 'is required with an amount');
  } else if (type && MONEY_TYPES.includes(type)) fail('amount', `is required for a ${type}`);
  if (type === 'activity') {
    if (body.amount != null)
      fail('amount', 'is not used by activity events: send the figures in activity or products');
    if (body.currency == null) fail('currency', 'is required for activity');
  }

  let country: string | null = null;
  if (body.country !== undefined && body.country !== null) {
    if (typeof body.country !== 'string' || !context.countries.has(body.country.toUpperCase()))
      fail('country', 'must be a two-letter country code, e.g. DE');
    else country = body.country.toUpperCase();
  }

  const name = text('name', 100);
  if (type === 'custom' && name === null && body.name == null) fail('name', 'is required for a custom event');
  if (type !== 'custom' && body.name != null) fail('name', 'is only used by custom events');
  const orderId = text('order_id', 200);
  const subscriptionId = text('subscription_id', 200);
  if (type && type !== 'sale' && type !== 'refund' && type !== 'chargeback') {
    if (body.order_id != null) fail('order_id', 'is only used by sales, refunds and chargebacks');
    if (body.subscription_id != null) fail('subscription_id', 'is only used by sales');
  }

  const originalEventId = text('original_event_id', 200);
  let originalEventType: EventInput['originalEventType'] = null;
  if (body.original_event_type != null) {
    if (body.original_event_type !== 'deposit' && body.original_event_type !== 'sale')
      fail('original_event_type', 'must be deposit or sale');
    else originalEventType = body.original_event_type;
  }
  const takesBack = type === 'refund' || type === 'chargeback';
  if (takesBack && body.original_event_id == null)
    fail('original_event_id', `is required: the event_id of the deposit or sale this ${type} takes back`);
  if (type && !takesBack) {
    if (body.original_event_id != null) fail('original_event_id', 'is only used by refunds and chargebacks');
    if (body.original_event_type != null)
      fail('original_event_type', 'is only used by refunds and chargebacks');
  }

  const date = (field: string): string | null => {
    const value = body[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
      fail(field, 'must be a date, e.g. 2026-11-30');
      return null;
    }
    return value;
  };
  let periodStart = date('period_start');
  let periodEnd = date('period_end');
  const activity: EventInput['activity'] = [];
  if (type === 'activity') {
    const day = occurredAt ? occurredAt.toISOString().slice(0, 10) : null;
    periodStart ??= periodEnd ?? day;
    periodEnd ??= periodStart;
    if (periodStart && periodEnd && periodEnd < periodStart)
      fail('period_end', 'must not be before period_start');
    const figures = (value: unknown, path: string): ActivityFigures | null => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        fail(path, 'must be an object of figures, e.g. { "bets": 10000, "wins": 8000 }');
        return null;
      }
      const out = {} as ActivityFigures;
      const given = value as Record<string, unknown>;
      for (const key of Object.keys(given))
        if (!(ACTIVITY_FIELDS as readonly string[]).includes(key))
          fail(`${path}.${key}`, `is not an activity figure (use ${ACTIVITY_FIELDS.join(', ')})`);
      for (const key of ACTIVITY_FIELDS) {
        const v = given[key];
        out[key] =
          v === undefined || v === null
            ? 0n
            : (minor(v, `${path}.${key}`, { signed: key === 'adjustments' }) ?? 0n);
      }
      return out;
    };
    if (body.activity != null) {
      const f = figures(body.activity, 'activity');
      if (f) activity.push({ product: 'all', figures: f });
    }
    if (body.products != null) {
      if (typeof body.products !== 'object' || Array.isArray(body.products))
        fail('products', `must be an object keyed by product (${PRODUCTS.join(', ')})`);
      else
        for (const [product, value] of Object.entries(body.products as Record<string, unknown>)) {
          if (!(PRODUCTS as readonly string[]).includes(product)) {
            fail(`products.${product}`, `is not a product (use ${PRODUCTS.join(', ')})`);
            continue;
          }
          const f = figures(value, `products.${product}`);
          if (f) activity.push({ product: product as (typeof PRODUCTS)[number], figures: f });
        }
    }
    if (body.activity != null && body.products != null)
      fail('products', 'send either activity (totals) or products (a breakdown), not both');
    if (body.activity == null && body.products == null) fail('activity', 'is required for an activity event');
  } else {
    if (body.activity != null) fail('activity', 'is only used by activity events');
    if (body.products != null) fail('products', 'is only used by activity events');
    if (body.period_start != null) fail('period_start', 'is only used by activity events');
    if (body.period_end != null) fail('period_end', 'is only used by activity events');
    periodStart = null;
    periodEnd = null;
  }

  const hints: EventHints = {};
  const clickId = text('click_id', 64);
  if (clickId) hints.click_id = clickId;
  const coupon = text('coupon_code', 100);
  if (coupon) hints.coupon_code = coupon;
  const affiliateId = id('affiliate_id');
  if (affiliateId) hints.affiliate_id = affiliateId;
  const campaignId = id('campaign_id');
  if (campaignId) {
    hints.campaign_id = campaignId;
    if (!affiliateId && body.affiliate_id == null) fail('campaign_id', 'is used with affiliate_id');
  }
  const email = text('email', 320);
  const emailHash = text('email_hash', 64);
  if (email && !email.includes('@')) fail('email', 'enter an email like name@example.com');
  if (emailHash && !/^[0-9a-f]{64}$/i.test(emailHash))
    fail('email_hash', 'must be the SHA-256 of the lower-cased email, as 64 hex digits');
  if (email && emailHash) fail('email', 'send email or email_hash, not both');
  if (email?.includes('@')) hints.email_hash = hashEmail(email);
  else if (emailHash && /^[0-9a-f]{64}$/i.test(emailHash)) hints.email_hash = emailHash.toLowerCase();
  const ip = text('ip', 45);
  if (ip && !/^[0-9a-fA-F:.]+$/.test(ip)) fail('ip', 'must be an IPv4 or IPv6 address');
  else if (ip) hints.ip = ip;
  const device = text('device_id', 200);
  if (device) hints.device_id = device;

  let metadata: Record<string, unknown> = {};
  if (body.metadata !== undefined && body.metadata !== null) {
    if (typeof body.metadata !== 'object' || Array.isArray(body.metadata))
      fail('metadata', 'must be an object of names and values');
    else if (JSON.stringify(body.metadata).length > 4096) fail('metadata', 'must be at most 4 KB');
    else metadata = body.metadata as Record<string, unknown>;
  }

  if (errors.length > 0 || !type || !eventId || !brandId || !customerId || !occurredAt) {
    return {
      errors: errors.length
        ? errors
        : [{ path: prefix.replace(/\.$/, '') || 'body', message: 'is not a valid event' }],
    };
  }
  // The hash covers what the caller sent, except an email (only its hash is kept).
  const hashed = email ? { ...body, email: undefined, email_hash: hints.email_hash } : body;
  return {
    input: {
      type,
      eventId,
      brandId,
      customerId,
      occurredAt,
      amount,
      currency,
      country,
      name,
      orderId,
      subscriptionId,
      originalEventId,
      originalEventType,
      periodStart,
      periodEnd,
      activity,
      hints,
      metadata,
      bodyHash: createHash('sha256').update(canonicalJson(hashed)).digest('hex'),
    },
  };
}
