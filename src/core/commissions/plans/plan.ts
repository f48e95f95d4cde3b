import type { ActorType } from '../../actor.ts';
import type { PlanDefinition } from './plan-definition.ts';

/** One immutable version of a plan: what it pays from `effective_from` until the next one's. */
export interface PlanVersion {
  plan_id: number;
  version: number;
  effective_from: Date;
  definition: PlanDefinition;
  deal_type_id: number;
  /** The deal type in words, e.g. "CPA + RevShare (Net P/L)". */
  deal_type: string;
  customer_binding: 'keep' | 'latest';
  note: string | null;
  actor: { type: ActorType; id: number | null; name: string };
  created_at: Date;
}

export interface CommissionPlan {
  id: number;
  brand_id: number;
  currency: string;
  name: string;
  description: string | null;
  is_private: boolean;
  /** Who sees (and may be given) a private plan; a limited manager sees only their affiliates. */
  private_affiliate_ids: number[];
  status: 'active' | 'archived';
  /** The version in force now; null while the first one's effective date is to come. */
  current_version: PlanVersion | null;
  latest_version: number;
  /** Of the version in force now, else of the latest. */
  deal_type_id: number;
  deal_type: string;
  created_at: Date;
  updated_at: Date;
}

export interface PlanFilter {
  brand_id?: number;
  currency?: string;
  status?: 'active' | 'archived';
  is_private?: boolean;
  q?: string;
}

const DEAL_TYPES: [number, string][] = [
  [1, 'CPL'],
  [2, 'CPA'],
  [4, 'RevShare (Net P/L)'],
  [8, 'RevShare (Net deposits)'],
];

/**
 * Smartico's deal type in words. Sale share and sub-affiliate cuts have no bit of their own: a
 * plan of only those is named after them.
 */
export function dealTypeName(mask: number, definition: PlanDefinition): string {
  const names = DEAL_TYPES.filter(([bit]) => mask & bit).map(([, name]) => name);
  if (names.length) return names.join(' + ');
  const others = [definition.sale_share && 'Sale share', definition.sub_affiliate && 'Sub-affiliate cuts'];
  return others.filter(Boolean).join(' + ') || 'None';
}
