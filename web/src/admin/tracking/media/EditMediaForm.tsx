import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { FormSummary } from '../../../components/FormSummary.tsx';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import type { Media } from '../api.ts';
import { MediaMetaFields } from './MediaMetaFields.tsx';
import { MEDIA_FIELDS, metaOf, patchOf } from './media-values.ts';

export function EditMediaForm({ media }: { media: Media }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(MEDIA_FIELDS);
  const [meta, setMeta] = useState(() => metaOf(media));
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PATCH('/api/v1/media/{id}', { params: { path: { id: media.id } }, body: patchOf(meta) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['media'] }),
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.mutate();
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Banner details">
      <h2>Details</h2>
      <FormSummary message={errors.summary} />
      {save.isSuccess && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      <MediaMetaFields value={meta} onChange={setMeta} errors={errors} />
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}
