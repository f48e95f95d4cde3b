/**
 * The fixed list of website categories a site is classified in (MultiSafepay's reference list:
 * codes 100 to 114 and 999). Reference data: it changes with a release, never at run time.
 */
export interface SiteCategory {
  code: number;
  description: string;
}

export const SITE_CATEGORIES: readonly SiteCategory[] = [
  { code: 100, description: 'Gifts and gadgets' },
  { code: 101, description: 'Electronics and computers' },
  { code: 102, description: 'Fashion and accessories' },
  { code: 103, description: 'Health and beauty' },
  { code: 104, description: 'Home and garden' },
  { code: 105, description: 'Sports and leisure' },
  { code: 106, description: 'Travel and holidays' },
  { code: 107, description: 'Books, music and films' },
  { code: 108, description: 'Food and drinks' },
  { code: 109, description: 'Toys and children' },
  { code: 110, description: 'Cars and vehicles' },
  { code: 111, description: 'Software and digital services' },
  { code: 112, description: 'Events and tickets' },
  { code: 113, description: 'Charity and donations' },
  { code: 114, description: 'Other' },
  { code: 999, description: 'Adult' },
];

export function listSiteCategories(): SiteCategory[] {
  return SITE_CATEGORIES.map((c) => ({ ...c }));
}

export const isSiteCategory = (code: number) => SITE_CATEGORIES.some((c) => c.code === code);
