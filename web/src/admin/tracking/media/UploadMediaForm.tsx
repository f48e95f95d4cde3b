import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, multipart, unwrap } from '../../../api/client.ts';
import { FormSummary } from '../../../components/FormSummary.tsx';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import { MediaMetaFields } from './MediaMetaFields.tsx';
import { MEDIA_FIELDS, metaOf, uploadOf } from './media-values.ts';

/** Uploads one banner with its details; format, size and orientation are read from the image. */
export function UploadMediaForm({ onDone }: { onDone(): void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const errors = useFormErrors(MEDIA_FIELDS);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [meta, setMeta] = useState(metaOf);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(api.POST('/api/v1/media', { body: uploadOf(chosen, meta), bodySerializer: multipart })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['media'] });
      setFile(null);
      setMeta(metaOf());
      if (fileInput.current) fileInput.current.value = '';
      onDone();
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (file) upload.mutate(file);
    else errors.setField('file', 'choose the image to upload');
  }

  const fileError = errors.field('file');
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Upload a banner">
      <h2>Upload a banner</h2>
      <FormSummary message={errors.summary} />
      <div className="field">
        <label htmlFor={`${id}-file`}>Image file</label>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
        />
        <p className="hint" id={`${id}-file-hint`}>
          PNG, JPEG, GIF, WebP or SVG, at most 5 MiB
        </p>
        {fileError && (
          <p className="field-error" id={`${id}-file-error`}>
            {fileError}
          </p>
        )}
      </div>
      <MediaMetaFields value={meta} onChange={setMeta} errors={errors} />
      <div className="actions">
        <button type="submit" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload banner'}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
