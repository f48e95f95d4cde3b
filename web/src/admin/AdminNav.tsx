import { Link } from '@tanstack/react-router';
import { NAV_ITEMS } from './nav.ts';

export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Back office">
      <ul>
        {NAV_ITEMS.map((item) => (
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
