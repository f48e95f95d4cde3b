import { Link } from '@tanstack/react-router';
import { MessageCard } from '../components/MessageCard.tsx';

export function NotFoundPage() {
  return (
    <MessageCard title="Page not found">
      <p className="muted">There is nothing at this address.</p>
      <Link to="/">Go to the status page</Link>
    </MessageCard>
  );
}
