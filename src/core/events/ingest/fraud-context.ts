import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { FraudRuleName } from '../../../db/tables/events.ts';
import type { AttributionLookups } from '../attribution/attribution-types.ts';
import type { EventInput } from '../event-input.ts';
import {
  checkFraud,
  DUPLICATE_MATCH_FIELDS,
  type DuplicateField,
  type FraudHit,
  type FraudSubject,
} from '../fraud/check-fraud.ts';
import type { CustomerRow } from './customer-state.ts';
import { loadAffiliateIdentities, loadDuplicateCandidates, loadFraudRules } from './load-lookups.ts';

export interface FraudContext {
  /** The brand's rules this event makes true for its customer (none when the brand has none on). */
  check(
    brandId: number,
    subject: Omit<FraudSubject, 'alreadyFlagged'>,
    row: Pick<CustomerRow, 'external_id' | 'flags'>,
  ): FraudHit[];
  /** Notes the customer's email hash, address and device, so later customers of the batch match it. */
  remember(brandId: number, row: Pick<CustomerRow, 'external_id' | DuplicateField>): void;
}

/**
 * What the batch's fraud rules read, loaded once: the brands' rules that are on, the affiliates'
 * own identities (self-referral) and the customers sharing a value with the batch (duplicates).
 */
export async function loadFraudContext(
  trx: Transaction<DB>,
  items: EventInput[],
  lookups: AttributionLookups,
): Promise<FraudContext> {
  const brandIds = [...new Set(items.map((i) => i.brandId))];
  const rules = await loadFraudRules(trx, brandIds);
  const ruleOn = (rule: FraudRuleName) => [...rules.values()].some((r) => r.has(rule));
  const identities = ruleOn('self_referral')
    ? await loadAffiliateIdentities(trx, [...lookups.affiliates.keys()])
    : new Map<number, { emailHashes: Set<string>; ips: Set<string> }>();
  const holders = new Map<string, Set<string>>();
  const valueKey = (brandId: number, field: DuplicateField, value: string) =>
    `${brandId}\u0000${field}\u0000${value}`;
  const note = (brandId: number, externalId: string, field: DuplicateField, value: string | null) => {
    if (!value) return;
    const k = valueKey(brandId, field, value);
    holders.set(k, (holders.get(k) ?? new Set()).add(externalId));
  };
  if (ruleOn('duplicate_customer')) {
    const values: Record<DuplicateField, string[]> = { email_hash: [], ip: [], device_id: [] };
    for (const input of items)
      for (const f of DUPLICATE_MATCH_FIELDS) if (input.hints[f]) values[f].push(input.hints[f] as string);
    for (const c of await loadDuplicateCandidates(trx, brandIds, values))
      for (const f of DUPLICATE_MATCH_FIELDS) note(c.brand_id, c.external_id, f, c[f]);
  }
  const none = { emailHashes: new Set<string>(), ips: new Set<string>() };
  return {
    check(brandId, subject, row) {
      const brandRules = rules.get(brandId);
      if (!brandRules) return [];
      return checkFraud(
        brandRules,
        { ...subject, alreadyFlagged: row.flags },
        {
          affiliateIdentity: (id) => identities.get(id) ?? none,
          otherCustomerWith: (field, value) => {
            for (const other of holders.get(valueKey(brandId, field, value)) ?? [])
              if (other !== row.external_id) return other;
            return null;
          },
        },
      );
    },
    remember(brandId, row) {
      for (const f of DUPLICATE_MATCH_FIELDS) note(brandId, row.external_id, f, row[f]);
    },
  };
}
