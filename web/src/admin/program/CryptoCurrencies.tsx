import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { useAllows } from '../use-allows.ts';

const cryptoQuery = queryOptions({
  queryKey: ['currencies', 'crypto'],
  queryFn: () => unwrap(api.GET('/api/v1/currencies', { params: { query: { crypto: true } } })),
});

/**
 * Which crypto currencies the program offers: only those ticked appear in the currency pickers
 * (brands, affiliates, the portal's report currency). What already uses one keeps it.
 */
export function CryptoCurrencies() {
  const queryClient = useQueryClient();
  const canEdit = useAllows('admin');
  const list = useQuery(cryptoQuery);
  // The box shows the choice at once; a refused change puts it back.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const toggle = useMutation({
    mutationFn: ({ code, enabled }: { code: string; enabled: boolean }) =>
      unwrap(api.PATCH('/api/v1/currencies/{code}', { params: { path: { code } }, body: { enabled } })),
    onMutate: ({ code, enabled }) => setChosen((current) => ({ ...current, [code]: enabled })),
    onError: (_error, { code }) => setChosen(({ [code]: _dropped, ...rest }) => rest),
    // Every picker reads the enabled list: all of them follow.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['currencies'] }),
  });
  return (
    <section className="panel" aria-labelledby="crypto-heading">
      <h2 id="crypto-heading">Crypto currencies</h2>
      <p className="muted">
        Only the ones ticked can be chosen for brands, affiliates and reports. Turning one off keeps it where
        it is already used.
      </p>
      <FormSummary message={toggle.error?.message ?? list.error?.message ?? null} />
      <fieldset className="crypto-list" disabled={!canEdit}>
        <legend className="visually-hidden">Crypto currencies offered</legend>
        {list.data?.data.map((c) => (
          <div className="checkbox" key={c.code}>
            <input
              id={`crypto-${c.code}`}
              type="checkbox"
              checked={chosen[c.code] ?? c.enabled}
              onChange={(event) => toggle.mutate({ code: c.code, enabled: event.target.checked })}
            />
            <label htmlFor={`crypto-${c.code}`}>
              {c.code} · {c.name}
            </label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
