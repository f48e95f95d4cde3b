import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { membersOf } from '../../api/enums.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type FraudRule = components['schemas']['FraudRule'];
export type RuleName = FraudRule['rule'];
export type RuleMode = FraudRule['mode'];
export type RuleBody = Json<paths['/api/v1/brands/{id}/fraud-rules/{rule}']['put']['requestBody']>;

export const MODES = membersOf<RuleMode>({ off: true, flag: true, hold: true });
export const MATCH_FIELDS = ['email_hash', 'ip', 'device_id'] as const;

export function fraudRulesQuery(brandId: number) {
  return queryOptions({
    queryKey: ['brands', brandId, 'fraud-rules'],
    queryFn: () => unwrap(api.GET('/api/v1/brands/{id}/fraud-rules', { params: { path: { id: brandId } } })),
    enabled: brandId > 0,
  });
}

export const setFraudRule = (brandId: number, rule: RuleName, body: RuleBody) =>
  unwrap(
    api.PUT('/api/v1/brands/{id}/fraud-rules/{rule}', { params: { path: { id: brandId, rule } }, body }),
  );
