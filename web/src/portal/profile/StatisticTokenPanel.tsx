import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatDateTime } from '../../format.ts';

/** The static token of report feeds and the report API: regenerate it, or expire it. */
export function StatisticTokenPanel({
  token,
  createdAt,
}: {
  token: string | null;
  createdAt: string | null;
}) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'profile'] });
  const regenerate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/profile/statistic-token')),
    onSuccess: refresh,
  });
  const expire = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/partner/v1/profile/statistic-token')),
    onSuccess: refresh,
  });
  return (
    <section className="panel">
      <h2>Statistic token</h2>
      <p className="muted">
        Report feed links and the report API use this token instead of a session. It stays the same until you
        regenerate or expire it.
      </p>
      {token ? (
        <>
          <div className="secret">
            <code data-testid="statistic-token">{token}</code>
            <CopyButton text={token} />
          </div>
          <p className="muted">Created {formatDateTime(createdAt)}</p>
        </>
      ) : (
        <p>You have no statistic token.</p>
      )}
      <span className="actions">
        <button type="button" onClick={() => regenerate.mutate()} disabled={regenerate.isPending}>
          {token ? 'Regenerate' : 'Generate'}
        </button>
        {token && (
          <button
            type="button"
            className="button-danger"
            onClick={() => expire.mutate()}
            disabled={expire.isPending}
          >
            Expire
          </button>
        )}
      </span>
    </section>
  );
}
