import { Link, type LinkProps, Outlet, useLocation } from '@tanstack/react-router';
import { type ReactNode, useEffect, useId, useState } from 'react';

export interface ShellLink {
  label: string;
  to: NonNullable<LinkProps['to']>;
  /** Only highlight on this exact path (a home page would otherwise match every page below it). */
  exact?: boolean;
  /** A number waiting for attention beside the label (pending applications), and what it counts. */
  badge?: { count: number; label: string };
}

interface AppShellProps {
  /** The top-left link home, and what it reads. */
  home: NonNullable<LinkProps['to']>;
  title: ReactNode;
  /** Who is signed in; shown beside Sign out. */
  user: ReactNode;
  userTestId: string;
  /** The account the user works in (the portal's affiliate), shown with the user. */
  account?: ReactNode;
  onSignOut(): void;
  signingOut: boolean;
  /** Names the navigation for screen readers ("Back office", "Portal"). */
  navLabel: string;
  links: readonly ShellLink[];
  /** A banner across the top of every page (the portal's "signed in as" notice). */
  banner?: ReactNode;
}

/**
 * The signed-in frame of the back office and of the portal: header, navigation, the page. On a
 * narrow screen the navigation folds behind a menu button; Sign out stays in the header.
 */
export function AppShell(props: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const path = useLocation({ select: (location) => location.pathname });
  // Following a link closes the menu, so the page it opened is what the person sees.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the trigger
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <div className={menuOpen ? 'admin menu-open' : 'admin'}>
      {props.banner}
      <header className="admin-header">
        <button
          type="button"
          className="button-secondary nav-toggle"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          {menuOpen ? 'Close menu' : 'Menu'}
        </button>
        <Link to={props.home} className="brand">
          {props.title}
        </Link>
        <div className="admin-user">
          {props.account && <span className="admin-user-account">{props.account}</span>}
          <span className="admin-user-name" data-testid={props.userTestId}>
            {props.user}
          </span>
          <button
            type="button"
            className="button-secondary"
            onClick={props.onSignOut}
            disabled={props.signingOut}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className="admin-nav" id={navId} aria-label={props.navLabel}>
        <ul>
          {props.links.map((link) => (
            <li key={link.to}>
              <Link
                to={link.to}
                activeOptions={{ exact: link.exact ?? false }}
                activeProps={{ className: 'active' }}
              >
                {link.label}
                {link.badge && link.badge.count > 0 && (
                  <span className="nav-badge" data-testid="nav-badge" title={link.badge.label}>
                    {link.badge.count}
                    <span className="visually-hidden"> {link.badge.label}</span>
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}
