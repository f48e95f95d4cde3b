import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { termsQuery } from './terms-query.ts';

/** Across every portal page while a version of the terms waits for this affiliate's acceptance. */
export function TermsBanner() {
  const terms = useQuery(termsQuery).data;
  const onTermsPage = useLocation({ select: (l) => l.pathname === '/portal/terms' });
  if (!terms?.acceptance_required || !terms.current || onTermsPage) return null;
  return (
    <div className="acting-banner" role="status" data-testid="terms-banner">
      <span>
        The program published version {terms.current.version} of its terms and conditions: please read and
        accept it.
      </span>
      <Link to="/portal/terms">Read the new terms</Link>
    </div>
  );
}
