import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, isUnauthenticated, unwrap } from '../api/client.ts';
import { AppShell, type ShellLink } from '../components/AppShell.tsx';
import { setDisplayTimeZone } from '../format.ts';
import { unreadMessagesQuery } from './messages/MessagesPage.tsx';
import { programQuery } from './program.ts';
import { partnerMeQuery, profileQuery } from './queries.ts';
import './terms/terms.css';
import { TermsBanner } from './terms/TermsBanner.tsx';

/** The signed-in affiliate portal frame. The route checks the session before rendering this. */
export function PortalLayout() {
  const me = useQuery(partnerMeQuery);
  const program = useQuery(programQuery).data;
  // Times read in the user's own time zone when their profile names one.
  const profile = useQuery({ ...profileQuery, enabled: me.data?.via === 'session' });
  setDisplayTimeZone(profile.data?.timezone);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const href = useLocation({ select: (location) => location.href });

  // A session can end while the page is open (terminated from another device, expired).
  useEffect(() => {
    if (isUnauthenticated(me.error)) void navigate({ to: '/portal/sign-in', search: { redirect: href } });
  }, [me.error, navigate, href]);

  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/auth/sign-out')),
    onSettled: async () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      await navigate({ to: '/portal/sign-in' });
    },
  });

  // "Sign in as affiliate" from the back office: leaving ends this portal session (the staff
  // session is another cookie) and goes back to the affiliate's page there.
  const backToBackOffice = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/auth/sign-out')),
    onSettled: async () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      const id = me.data?.affiliate.id;
      await navigate(id ? { to: '/admin/affiliates/$id', params: { id: String(id) } } : { to: '/admin' });
    },
  });
  const acting = me.data?.acting_operator;
  const unread = useQuery({ ...unreadMessagesQuery, enabled: me.isSuccess }).data ?? 0;

  const links: ShellLink[] = [
    { label: 'Home', to: '/portal', exact: true },
    {
      label: 'Messages',
      to: '/portal/messages',
      badge: { count: unread, label: unread === 1 ? 'unread message' : 'unread messages' },
    },
    { label: 'Inquiries', to: '/portal/inquiries' },
    { label: 'Sites', to: '/portal/sites' },
    { label: 'Documents', to: '/portal/documents' },
    { label: 'Reports', to: '/portal/reports' },
    { label: 'Campaigns', to: '/portal/campaigns' },
    { label: 'Customers', to: '/portal/customers' },
    { label: 'Coupon codes', to: '/portal/coupon-codes' },
    { label: 'Commission plans', to: '/portal/commission-plans' },
    { label: 'Wallet', to: '/portal/wallet' },
    { label: 'Bills', to: '/portal/bills' },
    { label: 'Commissions', to: '/portal/commissions' },
    { label: 'Sub-affiliates', to: '/portal/sub-affiliates' },
    { label: 'News', to: '/portal/news' },
    { label: 'Contacts', to: '/portal/contacts' },
    { label: 'Terms and conditions', to: '/portal/terms' },
    { label: 'Profile', to: '/portal/profile' },
    { label: 'Security', to: '/portal/security' },
    ...(me.data?.user.is_owner ? [{ label: 'Team members', to: '/portal/team' } as const] : []),
    { label: 'Events log', to: '/portal/events' },
    { label: 'Postbacks', to: '/portal/postbacks' },
    { label: 'Postback log', to: '/portal/postback-log' },
  ];

  return (
    <AppShell
      home="/portal"
      title={<ProgramTitle name={program?.name} brands={program?.brands.map((b) => b.name) ?? []} />}
      user={me.data?.user.email}
      account={me.data?.affiliate.name}
      userTestId="portal-user-email"
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      navLabel="Portal"
      links={links}
      banner={
        <div className="banners">
          {acting && (
            <div className="acting-banner" role="status" data-testid="acting-banner">
              <span>
                <strong>{acting.name || acting.email}</strong> ({acting.email}) is signed in as{' '}
                <strong>{me.data?.affiliate.name}</strong>: what you do here is done as this affiliate.
              </span>
              <button
                type="button"
                className="button-secondary"
                disabled={backToBackOffice.isPending}
                onClick={() => backToBackOffice.mutate()}
              >
                Back to the back office
              </button>
            </div>
          )}
          <TermsBanner />
        </div>
      }
    />
  );
}

/** The program's name, and the brands it promotes when there are a few to name. */
function ProgramTitle({ name, brands }: { name: string | undefined; brands: string[] }) {
  // "Lucky Star affiliate program" names its only brand already.
  const shown = brands.length === 1 && name?.includes(brands[0]!) ? [] : brands;
  return (
    <>
      <img className="brand-mark" src="/favicon.svg" alt="" width={24} height={24} />
      <span className="brand-name" data-testid="program-name">
        {name ?? 'Affiliate portal'}
      </span>
      {shown.length > 0 && shown.length <= 3 && <span className="brand-brands">{shown.join(' · ')}</span>}
    </>
  );
}
