import { useId } from 'react';
import { FieldNotes, notesOf } from '../components/TextField.tsx';

/** Up to 5 PDF, PNG or JPEG files; the server checks the bytes and names a bad one by its place. */
export function FilePicker({
  files,
  onChange,
  error,
  id,
}: {
  files: File[];
  onChange(files: File[]): void;
  error?: string;
  id?: string;
}) {
  const generated = useId();
  const inputId = id ?? generated;
  const hint = 'PDF, PNG or JPEG, at most 2 MiB each, up to 5 files';
  return (
    <div className="field">
      <label htmlFor={inputId}>Files</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept="application/pdf,image/png,image/jpeg"
        aria-invalid={error ? true : undefined}
        aria-describedby={notesOf(inputId, hint, error)}
        onChange={(event) => onChange([...(event.target.files ?? [])])}
      />
      {files.length > 0 && <p className="muted">{files.map((f) => f.name).join(', ')}</p>}
      <FieldNotes id={inputId} hint={hint} error={error} />
    </div>
  );
}
