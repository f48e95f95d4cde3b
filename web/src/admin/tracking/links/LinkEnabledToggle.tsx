import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client.ts';
import type { DestinationLink } from '../api.ts';

/** Enables or disables a link in place; promos on a disabled link go to the fallback URL. */
export function LinkEnabledToggle({ link }: { link: DestinationLink }) {
  const queryClient = useQueryClient();
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
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={toggle.isPending}
      onClick={() => toggle.mutate()}
      aria-label={`${link.enabled ? 'Disable' : 'Enable'} ${link.name}`}
    >
      {link.enabled ? 'Disable' : 'Enable'}
    </button>
  );
}
