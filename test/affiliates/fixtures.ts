import type { TestApp } from '../support/test-app.ts';
import { staffUser, WIRE } from './helpers.ts';

export interface Fixtures {
  manager: number;
  executive: number;
  tierId: number;
  sourceId: number;
  tag: { id: number; values: { id: number; value: string }[] };
}

/** Staff, a tier, a traffic source and a custom tag for affiliates to point at. */
export async function setupFixtures(t: TestApp, key: string): Promise<Fixtures> {
  const manager = await staffUser(t.db, 'Bob Smith');
  const executive = await staffUser(t.db, 'Eve Exec');
  const post = async (url: string, payload: object) =>
    (await t.call(key, { method: 'POST', url, payload })).json();
  const tierId = (await post('/api/v1/affiliate-tiers', { name: 'Gold' })).id;
  const sourceId = (await post('/api/v1/traffic-sources', { name: 'SEO' })).id;
  const tag = await post('/api/v1/custom-tags', { name: 'Segment', values: ['Retail', 'Wholesale'] });
  return { manager, executive, tierId, sourceId, tag };
}

/** A create payload using every field. */
export const fullPayload = ({ manager, executive, tierId, sourceId, tag }: Fixtures) => ({
  name: 'Acme Media',
  status: 'active',
  company_name: 'Acme Media Ltd',
  contact_name: 'John Smith',
  email: 'Contact@Acme.test',
  phone: '+1 555 010 1234',
  website_url: 'https://acme.test',
  account_manager_id: manager,
  account_executive_id: executive,
  internal_notes: 'met at the conference',
  affiliate_notes: 'welcome aboard',
  default_currency: 'usd',
  language: 'EN',
  tier_id: tierId,
  labels: ['Direct', 'direct', 'VIP'],
  external_id: 'ext-1',
  media_cost_override: true,
  has_notifications: false,
  no_negative_carry_over: true,
  api_access_enabled: true,
  extra_permissions: ['registrations_report', 'ftd_count'],
  traffic_source_id: sourceId,
  traffic_source_ids: [sourceId],
  custom_tags: [{ tag_id: tag.id, value_id: tag.values[0]!.id }],
  address: {
    line1: '105 Ocean Avenue',
    apartment: '4B',
    city: 'Los Angeles',
    region_code: 'CA',
    country_code: 'us',
    postal_code: '90001',
  },
  company_registration_number: 'KVK 1234',
  vat_number: 'nl 0012 34567 b01',
  messengers: { skype: 'acme.media', telegram: '@acme' },
  referral: {
    enabled: true,
    method: 'percentage',
    value: '5',
    commission_basis: 'revenue',
    duration_days: 365,
  },
  billing: {
    frequency: 'monthly',
    details: { day_of_month: 1 },
    tax_id: 'TAX-1',
    auto_invoice: true,
    auto_invoice_start_date: '2024-01-01',
    invoice_amount_threshold: 5000,
    payment_terms_days: 30,
  },
  payment_method: structuredClone(WIRE),
  users: [
    {
      email: 'Bob@Acme.test',
      first_name: 'Bob',
      last_name: 'Smith',
      initial_password: 'J0hnD0e2020!',
      timezone: 'Europe/Paris',
    },
    { email: 'amy@acme.test', first_name: 'Amy', title: 'CFO', currency: 'EUR' },
  ],
});
