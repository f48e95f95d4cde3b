import { useQuery } from '@tanstack/react-query';
import { useMatches } from '@tanstack/react-router';
import { useEffect } from 'react';
import { programQuery } from './portal/program.ts';

/**
 * Each page's title, by its route: what the browser's tab, history and bookmarks show. A route
 * missing here is titled by its last word ("/admin/coupon-codes" reads "Coupon codes").
 */
const TITLES: Record<string, string> = {
  '/': 'Status',
  '/setup': 'Set up',
  '/admin': 'Dashboard',
  '/admin/login': 'Sign in',
  '/admin/set-password': 'Set your password',
  '/admin/unlock': 'Unlock your account',
  '/admin/affiliates': 'Affiliates',
  '/admin/affiliates/new': 'New affiliate',
  '/admin/affiliates/$id': 'Affiliate',
  '/admin/affiliates/$id/edit': 'Edit affiliate',
  '/admin/brands': 'Brands',
  '/admin/brands/new': 'New brand',
  '/admin/brands/$id': 'Brand',
  '/admin/destination-links': 'Destination links',
  '/admin/destination-links/new': 'New destination link',
  '/admin/destination-links/$id': 'Destination link',
  '/admin/media': 'Media library',
  '/admin/media/$id': 'Banner',
  '/admin/campaigns': 'Campaigns',
  '/admin/campaigns/new': 'New campaign',
  '/admin/campaigns/$id': 'Campaign',
  '/admin/traffic-sources': 'Traffic sources',
  '/admin/clicks': 'Click log',
  '/admin/clicks/$id': 'Click',
  '/admin/customers': 'Customers',
  '/admin/customers/$id': 'Customer',
  '/admin/events': 'Events log',
  '/admin/unattributed': 'Unattributed customers',
  '/admin/api-keys': 'API keys',
  '/admin/staff': 'Staff',
  '/admin/outbox': 'Email outbox',
  '/admin/program': 'Program',
  '/admin/$': 'Page not found',
  '/portal': 'Home',
  '/portal/sign-in': 'Sign in',
  '/portal/signup': 'Apply',
  '/portal/forgot-password': 'Forgot password',
  '/portal/set-password': 'Set your password',
  '/portal/reset-password': 'Reset your password',
  '/portal/unlock': 'Unlock your account',
  '/portal/profile': 'Profile',
  '/portal/security': 'Security',
  '/portal/team': 'Team members',
  '/portal/events': 'Events log',
  '/portal/campaigns': 'Campaigns',
  '/portal/campaigns/$id': 'Campaign',
  '/portal/$': 'Page not found',
};

/** "/admin/coupon-codes" reads "Coupon codes"; a parameter ($id) is skipped. */
function titleOf(path: string): string {
  const known = TITLES[path] ?? TITLES[path.replace(/\/$/, '')];
  if (known) return known;
  const word = path
    .split('/')
    .filter((part) => part && !part.startsWith('$'))
    .pop();
  return word ? word.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Affluent';
}

/** Sets the document's title from the deepest route shown: "Affiliates · Affluent". */
export function PageTitle() {
  const path = useMatches({ select: (matches) => matches[matches.length - 1]?.fullPath ?? '/' });
  const portal = path.startsWith('/portal');
  // The portal is the program's, so its pages carry the program's name, not the platform's.
  const program = useQuery({ ...programQuery, enabled: portal }).data?.name;
  const title = `${titleOf(path)} · ${portal ? (program ?? 'Affiliate portal') : 'Affluent'}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
