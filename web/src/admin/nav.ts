import type { LinkProps } from '@tanstack/react-router';

export interface NavItem {
  label: string;
  to: NonNullable<LinkProps['to']>;
  /** Only highlight on this exact path (the dashboard would otherwise match every admin page). */
  exact?: boolean;
}

/** The back office's left navigation, in display order; each new screen adds its entry here. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Dashboard', to: '/admin', exact: true },
  { label: 'API keys', to: '/admin/api-keys' },
];
