import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import type { Media } from '../api.ts';

/** Deleting removes the file too, so it takes a second, explicit click. */
export function DeleteMediaButton({ media }: { media: Media }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/media/{id}', { params: { path: { id: media.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['media', media.id] });
      await queryClient.invalidateQueries({ queryKey: ['media'] });
      await navigate({ to: '/admin/media' });
    },
  });

  if (!confirming) {
    return (
      <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
        Delete banner
      </button>
    );
  }
  return (
    <div>
      <p>Promos that show this banner become direct links. Delete “{media.title}”?</p>
      {remove.isError && <p className="field-error">{remove.error.message}</p>}
      <span className="actions">
        <button
          type="button"
          className="button-danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          Confirm delete
        </button>
        <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </span>
    </div>
  );
}
