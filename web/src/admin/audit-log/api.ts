import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type AuditQuery = NonNullable<paths['/api/v1/audit-log']['get']['parameters']['query']>;
export type AuditEntry = Json<paths['/api/v1/audit-log']['get']['responses'][200]>['data'][number];

/** What the audit log can be narrowed to, as the server names it, with the words people use. */
export const AUDIT_ENTITIES: { value: string; label: string }[] = [
  { value: 'brand', label: 'Brands' },
  { value: 'destination_link', label: 'Destination links' },
  { value: 'media', label: 'Media' },
  { value: 'campaign', label: 'Campaigns' },
  { value: 'promo', label: 'Promos' },
  { value: 'coupon_code', label: 'Coupon codes' },
  { value: 'fraud_rule', label: 'Fraud rules' },
  { value: 'commission_plan', label: 'Commission plans' },
  { value: 'api_key', label: 'API keys' },
  { value: 'staff_user', label: 'Staff unlocks' },
  { value: 'currency', label: 'Currencies' },
  { value: 'exchange_rates', label: 'Exchange rates' },
  { value: 'managed_list_entry', label: 'Tiers, labels and traffic sources' },
  { value: 'custom_tag', label: 'Custom tags' },
  { value: 'custom_tag_value', label: 'Custom tag values' },
];

export function auditLogQuery(query: AuditQuery) {
  return queryOptions({
    queryKey: ['audit-log', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit-log', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
