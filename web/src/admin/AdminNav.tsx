import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { meQuery } from '../api/queries.ts';
import { allows, NAV_ITEMS } from './nav.ts';

export function AdminNav() {
  const scopes = useQuery(meQuery).data?.scopes ?? [];
  return (
    <nav className="admin-nav" aria-label="Back office">
      <ul>
        {NAV_ITEMS.filter((item) => !item.scope || allows(scopes, item.scope)).map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              activeOptions={{ exact: item.exact ?? false }}
              activeProps={{ className: 'active' }}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
