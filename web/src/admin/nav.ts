import type { Scope as ApiScope } from '../api/types.ts';
import type { ShellLink } from '../components/AppShell.tsx';

export interface NavItem extends ShellLink {
  /** The scope the screen's calls need; the entry is hidden from staff whose role lacks it. */
  scope?: Scope;
}

export type Scope = ApiScope;

/** The server's rule (core/auth/scopes.ts): admin has all; write includes support; all include read. */
export function allows(granted: readonly string[], needed: Scope): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  if (needed === 'support') return granted.includes('write');
  return needed === 'read' && granted.length > 0;
}

/** The back office's left navigation, in display order; each new screen adds its entry here. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Dashboard', to: '/admin', exact: true },
  { label: 'Affiliates', to: '/admin/affiliates' },
  { label: 'Inquiries', to: '/admin/inquiries' },
  { label: 'Messages', to: '/admin/messages' },
  { label: 'Brands', to: '/admin/brands' },
  { label: 'Destination links', to: '/admin/destination-links' },
  { label: 'Media library', to: '/admin/media' },
  { label: 'Campaigns', to: '/admin/campaigns' },
  { label: 'Traffic sources', to: '/admin/traffic-sources' },
  { label: 'Click log', to: '/admin/clicks' },
  { label: 'Customers', to: '/admin/customers' },
  { label: 'Events log', to: '/admin/events' },
  { label: 'Unattributed', to: '/admin/unattributed' },
  { label: 'Coupon codes', to: '/admin/coupon-codes' },
  { label: 'Fraud rules', to: '/admin/fraud-rules' },
  { label: 'Commission plans', to: '/admin/commission-plans' },
  { label: 'Plan assignments', to: '/admin/plan-assignments' },
  { label: 'Commissions', to: '/admin/commissions' },
  { label: 'Reports', to: '/admin/reports' },
  { label: 'Backtest', to: '/admin/commission-backtest', scope: 'write' },
  { label: 'Bills', to: '/admin/bills' },
  { label: 'Cash-outs', to: '/admin/cash-outs' },
  { label: 'Payout batches', to: '/admin/payouts', scope: 'finance' },
  { label: 'API keys', to: '/admin/api-keys', scope: 'admin' },
  { label: 'Staff', to: '/admin/staff', scope: 'admin' },
  { label: 'Email outbox', to: '/admin/outbox', scope: 'admin' },
  { label: 'Audit log', to: '/admin/audit-log', scope: 'admin' },
  { label: 'Webhooks', to: '/admin/webhooks', scope: 'admin' },
  { label: 'Program', to: '/admin/program', scope: 'admin' },
  { label: 'Terms and conditions', to: '/admin/terms' },
  { label: 'News', to: '/admin/news' },
  { label: 'Contacts', to: '/admin/contacts' },
];
