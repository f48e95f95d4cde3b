import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createAffiliate, snapshot } from './helpers.ts';

// The billing schedule rules (core/affiliates/billing-rules.ts): each frequency takes exactly its
// details, days run 1 to 31, months 1 to 12, and bimonthly's second day comes after the first.

let t: TestApp;
let key: string;
let affiliate: number;

beforeAll(async () => {
  t = await createTestApp();
  key = await t.apiKey(['write']);
  affiliate = await createAffiliate(t, key, { name: 'Billed', status: 'active' });
});
afterAll(() => t.close());

type Details = Record<string, unknown>;

const create = (billing: { frequency: string; details?: Details }) =>
  t.call(key, { method: 'POST', url: '/api/v1/affiliates', payload: { name: 'Schedule', billing } });

/** Every field error of a refused create, as `path: message`. */
async function refusal(billing: { frequency: string; details?: Details }): Promise<string[]> {
  const before = await snapshot(t.db);
  const res = await create(billing);
  expect(res.statusCode, res.body).toBe(422);
  expect(await snapshot(t.db)).toBe(before);
  return res
    .json()
    .error.details.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
}

/**
 * The bulk edit preview takes any JSON as a schedule (the create schema refuses non-integers and
 * out-of-range numbers before these rules see them), so the rules' own checks show there; the
 * preview names the first problem of the field, or null.
 */
async function previewError(frequency: string, details: Details): Promise<string | null> {
  const res = await t.call(key, {
    method: 'POST',
    url: '/api/v1/affiliates/bulk-edit/preview',
    payload: {
      affiliate_ids: [affiliate],
      fields: [{ field: 'billing_schedule', operator: 'overwrite', value: { frequency, details } }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().changes[0].fields[0].error_message;
}

describe('accepted schedules are stored as given', () => {
  const cases: [string, Details][] = [
    ['monthly', { day_of_month: 31 }],
    ['monthly', { day_of_month: 1 }],
    ['quarterly', { starting_month: 12, day_of_month: 31 }],
    ['two_months', { starting_month: 1, day_of_month: 1 }],
    ['bimonthly', { day_of_month_one: 1, day_of_month_two: 2 }],
    ['bimonthly', { day_of_month_one: 30, day_of_month_two: 31 }],
    ...(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map(
      (day): [string, Details] => ['weekly', { day_of_week: day }],
    ),
    ['manual', {}],
    ['other', {}],
  ];
  it.each(cases)('%s %j', async (frequency, details) => {
    const res = await create({ frequency, details });
    expect(res.statusCode, res.body).toBe(201);
    const read = await t.call(key, { url: `/api/v1/affiliates/${res.json().id}?relationship=billing` });
    expect(read.json().relationships.billing).toMatchObject({ frequency, details });
  });
});

describe('refused schedules name every wrong detail and change nothing', () => {
  it('bimonthly: the second day must come after the first', async () => {
    const later = 'billing.details.day_of_month_two: must be later in the month than day_of_month_one';
    expect(
      await refusal({ frequency: 'bimonthly', details: { day_of_month_one: 15, day_of_month_two: 15 } }),
    ).toEqual([later]);
    expect(
      await refusal({ frequency: 'bimonthly', details: { day_of_month_one: 16, day_of_month_two: 15 } }),
    ).toEqual([later]);
  });

  it('a detail the frequency ignores, and the ones it misses', async () => {
    expect(await refusal({ frequency: 'manual', details: { day_of_month: 5 } })).toEqual([
      'billing.details.day_of_month: is not used by frequency manual, which takes no details',
    ]);
    expect(await refusal({ frequency: 'other', details: { day_of_week: 'monday' } })).toEqual([
      'billing.details.day_of_week: is not used by frequency other, which takes no details',
    ]);
    // Bimonthly's days given to monthly are not compared with each other: monthly ignores them.
    expect(
      await refusal({ frequency: 'monthly', details: { day_of_month_one: 20, day_of_month_two: 10 } }),
    ).toEqual([
      'billing.details.day_of_month_one: is not used by frequency monthly; it takes day_of_month',
      'billing.details.day_of_month_two: is not used by frequency monthly; it takes day_of_month',
      'billing.details.day_of_month: is required for frequency monthly',
    ]);
    expect(await refusal({ frequency: 'quarterly', details: { day_of_week: 'friday' } })).toEqual([
      'billing.details.day_of_week: is not used by frequency quarterly; it takes starting_month, day_of_month',
      'billing.details.starting_month: is required for frequency quarterly',
      'billing.details.day_of_month: is required for frequency quarterly',
    ]);
    expect(await refusal({ frequency: 'two_months', details: { day_of_month: 3 } })).toEqual([
      'billing.details.starting_month: is required for frequency two_months',
    ]);
    expect(await refusal({ frequency: 'weekly', details: { day_of_month: 3 } })).toEqual([
      'billing.details.day_of_month: is not used by frequency weekly; it takes day_of_week',
      'billing.details.day_of_week: is required for frequency weekly',
    ]);
    expect(await refusal({ frequency: 'bimonthly', details: { day_of_month_two: 3 } })).toEqual([
      'billing.details.day_of_month_one: is required for frequency bimonthly',
    ]);
  });
});

describe('the rules themselves, past what the request schema refuses', () => {
  const days = 'must be a whole number from 1 to 31';
  const cases: [string, Details, string | null][] = [
    ['monthly', { day_of_month: 31 }, null],
    ['monthly', { day_of_month: 1 }, null],
    ['monthly', { day_of_month: 32 }, `billing.details.day_of_month: ${days}`],
    ['monthly', { day_of_month: 0 }, `billing.details.day_of_month: ${days}`],
    ['monthly', { day_of_month: 1.5 }, `billing.details.day_of_month: ${days}`],
    ['monthly', { day_of_month: '5' }, `billing.details.day_of_month: ${days}`],
    ['monthly', { day_of_month: null }, 'billing.details.day_of_month: is required for frequency monthly'],
    ['bimonthly', { day_of_month_one: 0, day_of_month_two: 31 }, `billing.details.day_of_month_one: ${days}`],
    [
      'bimonthly',
      { day_of_month_one: 32, day_of_month_two: 31 },
      `billing.details.day_of_month_one: ${days}`,
    ],
    ['bimonthly', { day_of_month_one: 1, day_of_month_two: 32 }, `billing.details.day_of_month_two: ${days}`],
    ['bimonthly', { day_of_month_one: 1, day_of_month_two: 0 }, `billing.details.day_of_month_two: ${days}`],
    ['bimonthly', { day_of_month_one: 1, day_of_month_two: 31 }, null],
    ['quarterly', { starting_month: 12, day_of_month: 1 }, null],
    ['quarterly', { starting_month: 1, day_of_month: 1 }, null],
    [
      'quarterly',
      { starting_month: 13, day_of_month: 1 },
      'billing.details.starting_month: must be a whole number from 1 to 12',
    ],
    [
      'two_months',
      { starting_month: 0, day_of_month: 1 },
      'billing.details.starting_month: must be a whole number from 1 to 12',
    ],
    ['two_months', { starting_month: 2, day_of_month: 32 }, `billing.details.day_of_month: ${days}`],
    [
      'weekly',
      { day_of_week: 'funday' },
      'billing.details.day_of_week: must be one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ],
    ['weekly', { day_of_week: 'sunday' }, null],
  ];
  it.each(cases)('%s %j', async (frequency, details, expected) => {
    expect(await previewError(frequency, details)).toBe(expected);
  });
});
