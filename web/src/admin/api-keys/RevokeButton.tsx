import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { ApiKey } from '../../api/types.ts';

/** Revoking cannot be undone, so it takes a second, explicit click. */
export function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: apiKey.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });

  if (revoke.isError) return <span className="field-error">{revoke.error.message}</span>;
  if (!confirming) {
    return (
      <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
        Revoke
      </button>
    );
  }
  return (
    <span className="actions">
      <button
        type="button"
        className="button-danger"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate()}
        aria-label={`Confirm revoking ${apiKey.name}`}
      >
        Confirm revoke
      </button>
      <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
