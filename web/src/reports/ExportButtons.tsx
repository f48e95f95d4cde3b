import { useState } from 'react';
import type { ExportFormat } from './api.ts';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'json', label: 'JSON' },
  { format: 'xml', label: 'XML' },
];

/** The whole report (every page, with its totals) as a file, by `onDownload`. */
export function ExportButtons({ onDownload }: { onDownload(format: ExportFormat): Promise<void> }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function download(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      await onDownload(format);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <fieldset className="report-exports">
      <legend className="muted">Export</legend>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className="button-secondary"
          disabled={busy !== null}
          onClick={() => download(f.format)}
        >
          {busy === f.format ? `${f.label}…` : f.label}
        </button>
      ))}
      {error && <p className="form-summary">{error}</p>}
    </fieldset>
  );
}
