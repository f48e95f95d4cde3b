import { Link } from '@tanstack/react-router';
import { MessageCard } from '../components/MessageCard.tsx';

export function PortalPage() {
  return (
    <MessageCard title="Affiliate portal – coming soon">
      <p className="muted">Affiliates will sign in here to see their links, results and payouts.</p>
      <Link to="/">Back to the status page</Link>
    </MessageCard>
  );
}
