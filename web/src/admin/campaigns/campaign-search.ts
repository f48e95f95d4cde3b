import { defined, int, oneOf, text } from '../list-params.ts';
import type { CampaignQuery, Tab } from './api.ts';

export const TABS: readonly Tab[] = ['active', 'archived', 'all'];

/** The campaigns list's tab and filters, in the URL. */
export interface CampaignSearch {
  tab?: Tab;
  affiliate?: number;
  brand?: number;
  name?: string;
  plan?: number;
  page?: number;
}

export const PAGE_SIZE = 50;

export const validateCampaignSearch = (raw: Record<string, unknown>): CampaignSearch =>
  defined({
    tab: oneOf(TABS, raw.tab),
    affiliate: int(raw.affiliate),
    brand: int(raw.brand),
    name: text(raw.name),
    plan: int(raw.plan),
    page: int(raw.page),
  });

export const toCampaignQuery = (s: CampaignSearch): CampaignQuery =>
  defined({
    tab: s.tab ?? 'active',
    affiliate_id: s.affiliate,
    brand_id: s.brand,
    name: s.name,
    commission_plan_id: s.plan,
    page: s.page ?? 1,
    page_size: PAGE_SIZE,
  });

export const isFiltered = ({ page: _, tab: __, ...filters }: CampaignSearch) =>
  Object.keys(filters).length > 0;
