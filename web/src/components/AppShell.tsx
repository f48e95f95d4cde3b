import { Link, type LinkProps, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export interface ShellLink {
  label: string;
  to: NonNullable<LinkProps['to']>;
  /** Only highlight on this exact path (a home page would otherwise match every page below it). */
  exact?: boolean;
}

interface AppShellProps {
  /** The top-left link home, and what it reads. */
  home: NonNullable<LinkProps['to']>;
  title: ReactNode;
  /** Who is signed in; shown beside Sign out. */
  user: ReactNode;
  userTestId: string;
  onSignOut(): void;
  signingOut: boolean;
  /** Names the navigation for screen readers ("Back office", "Portal"). */
  navLabel: string;
  links: readonly ShellLink[];
}

/** The signed-in frame of the back office and of the portal: header, left navigation, the page. */
export function AppShell(props: AppShellProps) {
  return (
    <div className="admin">
      <header className="admin-header">
        <Link to={props.home} className="brand">
          {props.title}
        </Link>
        <div className="admin-user">
          <span data-testid={props.userTestId}>{props.user}</span>
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
      <nav className="admin-nav" aria-label={props.navLabel}>
        <ul>
          {props.links.map((link) => (
            <li key={link.to}>
              <Link
                to={link.to}
                activeOptions={{ exact: link.exact ?? false }}
                activeProps={{ className: 'active' }}
              >
                {link.label}
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
