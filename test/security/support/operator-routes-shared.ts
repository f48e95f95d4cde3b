import { del, type Entry, email, patch, post, REFERENCE, SHARED_LIST } from './operator-calls.ts';

/** Operator routes that name no affiliate: the caller, staff, keys, shared lists, settings, reference data, brands. */
export const SHARED_ROUTES: Record<string, Entry> = {
  'GET /auth/me': { none: 'describes the caller itself' },
  'GET /api-keys': { none: 'operator API keys', adminOnly: true },
  'POST /api-keys': {
    none: 'operator API keys',
    adminOnly: true,
    write: () => post('/api-keys', { name: 'matrix', scopes: ['read'] }),
  },
  'DELETE /api-keys/{id}': {
    none: 'operator API keys',
    adminOnly: true,
    write: (w) => del(`/api-keys/${w.spareKeyId}`),
  },
  'GET /roles': { none: 'the fixed list of staff roles' },
  'GET /staff': { none: 'staff users', adminOnly: true },
  'POST /staff': {
    none: 'staff users',
    adminOnly: true,
    write: () => post('/staff', { email: email(), role: 'support' }),
  },
  'GET /staff/{id}': { none: 'staff users', adminOnly: true },
  'PATCH /staff/{id}': {
    none: 'staff users',
    adminOnly: true,
    write: (w) => patch(`/staff/${w.otherStaffId}`, { name: 'Matrix' }),
  },
  'POST /staff/{id}/unlock': {
    none: 'staff users',
    adminOnly: true,
    write: (w) => post(`/staff/${w.otherStaffId}/unlock`),
  },
  'GET /jobs': { none: 'the background job queue', adminOnly: true },
  'GET /analytics/status': {
    none: 'the copy to ClickHouse: outbox counts, no affiliate named',
    adminOnly: true,
  },
  'GET /audit-log': { none: 'who changed the catalog and the settings', adminOnly: true },
  'GET /staff-directory': { none: 'staff names and roles, to pick a manager; no affiliate data' },
  'GET /affiliate-tiers': { none: SHARED_LIST },
  'POST /affiliate-tiers': { none: SHARED_LIST, write: () => post('/affiliate-tiers', { name: 'RO tier' }) },
  'PATCH /affiliate-tiers/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/affiliate-tiers/${w.tierId}`, { name: 'x' }),
  },
  'DELETE /affiliate-tiers/{id}': { none: SHARED_LIST, write: (w) => del(`/affiliate-tiers/${w.tierId}`) },
  'GET /affiliate-labels': { none: SHARED_LIST },
  'POST /affiliate-labels': {
    none: SHARED_LIST,
    write: () => post('/affiliate-labels', { name: 'RO label' }),
  },
  'PATCH /affiliate-labels/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/affiliate-labels/${w.labelId}`, { name: 'x' }),
  },
  'DELETE /affiliate-labels/{id}': { none: SHARED_LIST, write: (w) => del(`/affiliate-labels/${w.labelId}`) },
  'GET /traffic-sources': { none: SHARED_LIST },
  'POST /traffic-sources': {
    none: SHARED_LIST,
    write: () => post('/traffic-sources', { name: 'RO source' }),
  },
  'PATCH /traffic-sources/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/traffic-sources/${w.trafficSourceId}`, { name: 'x' }),
  },
  'DELETE /traffic-sources/{id}': {
    none: SHARED_LIST,
    write: (w) => del(`/traffic-sources/${w.trafficSourceId}`),
  },
  'GET /custom-tags': { none: SHARED_LIST },
  'POST /custom-tags': { none: SHARED_LIST, write: () => post('/custom-tags', { name: 'RO tag' }) },
  'GET /custom-tags/{id}': { none: SHARED_LIST },
  'PATCH /custom-tags/{id}': {
    none: SHARED_LIST,
    write: (w) => patch(`/custom-tags/${w.tag.id}`, { name: 'x' }),
  },
  'DELETE /custom-tags/{id}': { none: SHARED_LIST, write: (w) => del(`/custom-tags/${w.tag.id}`) },
  'POST /custom-tags/{id}/values': {
    none: SHARED_LIST,
    write: (w) => post(`/custom-tags/${w.tag.id}/values`, { value: 'Three' }),
  },
  'PATCH /custom-tags/{id}/values/{valueId}': {
    none: SHARED_LIST,
    write: (w) => patch(`/custom-tags/${w.tag.id}/values/${w.tag.valueId}`, { value: 'Uno' }),
  },
  'DELETE /custom-tags/{id}/values/{valueId}': {
    none: SHARED_LIST,
    write: (w) => del(`/custom-tags/${w.tag.id}/values/${w.tag.valueId}`),
  },
  'GET /settings/security': { none: 'platform-wide settings' },
  'PATCH /settings/security': {
    none: 'platform-wide settings',
    adminOnly: true,
    write: () => patch('/settings/security', { require_two_factor: false }),
  },
  'GET /settings/program': { none: 'platform-wide settings' },
  'PATCH /settings/program': {
    none: 'platform-wide settings',
    adminOnly: true,
    write: () => patch('/settings/program', { name: 'Matrix partners' }),
  },
  'GET /dev/outbox': {
    none: 'the development outbox: admin only, as it holds every affiliate’s emails',
    adminOnly: true,
  },
  'GET /currencies': { none: REFERENCE },
  'GET /currencies/{code}': { none: REFERENCE },
  'PATCH /currencies/{code}': {
    none: REFERENCE,
    adminOnly: true,
    write: () => patch('/currencies/BTC', { enabled: true }),
  },
  'GET /countries': { none: REFERENCE },
  'GET /countries/{code}': { none: REFERENCE },
  'GET /countries/{code}/regions': { none: REFERENCE },
  'POST /exchange-rates': {
    none: REFERENCE,
    write: () =>
      post('/exchange-rates', { rates: [{ base: 'EUR', quote: 'USD', date: '2024-01-02', rate: '1.1' }] }),
  },
  'GET /exchange-rates': { none: REFERENCE },
  'GET /exchange-rates/rate': { none: REFERENCE },
  'GET /exchange-rates/convert': { none: REFERENCE },
  'GET /brands': { none: 'brands are offered to every affiliate' },
  'POST /brands': {
    none: 'brands are offered to every affiliate',
    write: () => post('/brands', { name: 'RO brand', base_currency: 'EUR' }),
  },
  'GET /brands/{id}': { none: 'brands are offered to every affiliate' },
  'PATCH /brands/{id}': {
    none: 'brands are offered to every affiliate',
    write: (w) => patch(`/brands/${w.brandId}`, { name: 'x' }),
  },
};
