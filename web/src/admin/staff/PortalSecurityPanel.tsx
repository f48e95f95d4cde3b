import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

const settingsQuery = {
  queryKey: ['settings', 'security'],
  queryFn: () => unwrap(api.GET('/api/v1/settings/security')),
};

/** The operator's switch that makes two-factor authentication mandatory for every affiliate user. */
export function PortalSecurityPanel() {
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery);
  const save = useMutation({
    mutationFn: (require_two_factor: boolean) =>
      unwrap(api.PATCH('/api/v1/settings/security', { body: { require_two_factor } })),
    onSuccess: (saved) => queryClient.setQueryData(settingsQuery.queryKey, saved),
  });
  return (
    <section className="panel">
      <h2>Affiliate portal security</h2>
      {settings.data && (
        <div className="checkbox">
          <input
            id="require-two-factor"
            type="checkbox"
            checked={settings.data.require_two_factor}
            disabled={save.isPending}
            onChange={(event) => save.mutate(event.target.checked)}
          />
          <label htmlFor="require-two-factor">
            Require two-factor authentication for every affiliate user
          </label>
        </div>
      )}
      {save.isError && <p className="form-summary">{save.error.message}</p>}
    </section>
  );
}
