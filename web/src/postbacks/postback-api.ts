import type { ListPage } from '../components/PagedTable.tsx';

/** A postback as both APIs answer it. */
export interface Postback {
  id: number;
  affiliate_id: number;
  name: string;
  scope: 'account' | 'campaign' | 'promo';
  campaign_id: number | null;
  promo_id: number | null;
  trigger: string;
  plan_id: number | null;
  delivery: string;
  status: 'active' | 'inactive';
  url: string;
  disabled_reason?: string | null;
}

export interface PostbackBody {
  name: string;
  scope: string;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: string;
  delivery: string;
  status: string;
  url: string;
}

export interface Attempt {
  id: number;
  delivery_id: number;
  definition_id: number;
  campaign_name: string | null;
  promo_code: string | null;
  action: string;
  test: boolean;
  attempted_at: string;
  method: string;
  url: string;
  attempt: number;
  outcome: string;
  response_code: number | null;
  response_ms: number | null;
  response_body: string | null;
  error: string | null;
  next_retry_at: string | null;
}

export interface LogFilter {
  from?: string;
  to?: string;
  url?: string;
  action?: string;
  response_code?: number;
  campaign?: string;
  promo?: string;
}

/**
 * What the postback screens need, from the partner API (the portal) or the operator API for one
 * affiliate (the back office): the same components over either.
 */
export interface PostbackApi {
  key: readonly unknown[];
  list(): Promise<ListPage<Postback>>;
  variables(): Promise<{ data: { name: string; description: string }[] }>;
  save(id: number | null, body: PostbackBody): Promise<Postback>;
  preview(body: { url: string; trigger: string }): Promise<{ url: string }>;
  testFire(id: number): Promise<Attempt>;
  log(filter: LogFilter, page: number): Promise<ListPage<Attempt>>;
  campaigns(): Promise<{ id: number; name: string }[]>;
}

export const TRIGGERS = [
  'registration',
  'qualified_lead',
  'first_deposit',
  'qualified_first_deposit',
  'deposit',
  'sale',
  'refund',
  'chargeback',
  'commission_approved',
] as const;
export const DELIVERIES = ['s2s_get', 's2s_post', 'image', 'iframe', 'javascript'] as const;
