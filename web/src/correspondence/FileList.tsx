import { formatBytes } from './format-bytes.ts';

/** Links to download attached files; `base` is the API's correspondence-files path. */
export function FileList({
  files,
  base,
}: {
  files: readonly { id: number; file_name: string; size_bytes: number }[];
  base: '/api/v1/correspondence-files' | '/api/partner/v1/correspondence-files';
}) {
  if (files.length === 0) return null;
  return (
    <ul className="file-list" aria-label="Files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`${base}/${f.id}`} download={f.file_name}>
            {f.file_name}
          </a>{' '}
          <span className="muted">({formatBytes(f.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}
