import { useQuery } from '@tanstack/react-query';
import { profileQuery } from '../queries.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { StatisticTokenPanel } from './StatisticTokenPanel.tsx';

export function ProfilePage() {
  const profile = useQuery(profileQuery);
  return (
    <>
      <h1>Profile</h1>
      {profile.isPending && <p className="muted">Loading…</p>}
      {profile.isError && <p className="form-summary">{profile.error.message}</p>}
      {profile.data && (
        <>
          <ProfileForm profile={profile.data} />
          <StatisticTokenPanel
            token={profile.data.statistic_token}
            createdAt={profile.data.statistic_token_created_at}
          />
        </>
      )}
    </>
  );
}
