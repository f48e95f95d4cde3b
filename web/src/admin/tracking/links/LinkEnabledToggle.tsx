import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import type { DestinationLink } from '../api.ts';

/** Enables or disables a link in place; promos on a disabled link go to the fallback URL. */
export function LinkEnabledToggle({ link }: { link: DestinationLink }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/destination-links/{id}', {
          params: { path: { id: link.id } },
          body: { enabled: !link.enabled },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['destination-links'] }),
  });
  if (toggle.isError) return <span className="field-error">{toggle.error.message}</span>;
  // Disabling sends every click of the link's promos to the fallback URL: ask first. Enabling
  // only restores what was there, so it needs no question.
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={toggle.isPending}
        onClick={() => (link.enabled ? setAsking(true) : toggle.mutate())}
        aria-label={`${link.enabled ? 'Disable' : 'Enable'} ${link.name}`}
      >
        {link.enabled ? 'Disable' : 'Enable'}
      </button>
      {asking && (
        <ConfirmDialog
          title={`Disable ${link.name}?`}
          confirmLabel="Disable link"
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            toggle.mutate();
          }}
        >
          <p>
            Every promo using this link stops sending visitors to {link.url}: their clicks go to the fallback
            URL until the link is enabled again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
