import { Link, type LinkProps } from '@tanstack/react-router';
import { MessageCard } from '../components/MessageCard.tsx';

/** Outside the apps (a mistyped address at the root): a card that leads to the status page. */
export function NotFoundPage() {
  return (
    <MessageCard title="Page not found">
      <p className="muted">There is nothing at this address.</p>
      <Link to="/">Go to the status page</Link>
    </MessageCard>
  );
}

/**
 * Inside the back office or the portal: the page says so within the shell, so the navigation
 * and Sign out stay where they are, and offers the way home.
 */
export function NotFoundInShell({
  home,
  homeLabel,
}: {
  home: NonNullable<LinkProps['to']>;
  homeLabel: string;
}) {
  return (
    <section className="panel not-found" data-testid="not-found">
      <h1>Page not found</h1>
      <p className="muted">
        There is nothing at this address. It may have been mistyped, or what it showed was removed.
      </p>
      <Link to={home} className="button-link">
        {homeLabel}
      </Link>
    </section>
  );
}
