import { useQuery } from '@tanstack/react-query';
import { placeholdersQuery } from '../api.ts';
import { placeholdersIn, previewUrl } from './placeholders.ts';

interface PlaceholderPreviewProps {
  url: string;
  urlAb: string;
  /** Adds `{{name}}` to the main URL (where: insert-placeholder.ts). */
  onInsert(name: string): void;
}

/** What can go in `{{…}}`, which names the URLs use, and how a click would fill them. */
export function PlaceholderPreview({ url, urlAb, onInsert }: PlaceholderPreviewProps) {
  const known = useQuery(placeholdersQuery);
  const builtIns = known.data?.built_in ?? [];
  // Until the server's list arrives every name would look custom, so the preview waits for it.
  const ready = known.isSuccess;
  const used = placeholdersIn(`${url} ${urlAb}`);
  const custom = used.filter((name) => !builtIns.some((p) => p.name === name));
  return (
    <section className="placeholder-help" aria-label="Placeholders">
      <h3>Placeholders</h3>
      <p className="hint">
        Write <code>{'{{name}}'}</code> in a URL; every click fills it, percent-encoded. Click a name to add
        it to the URL.
      </p>
      {known.isPending && <p className="muted">Loading placeholders…</p>}
      {known.isError && <p className="field-error">{known.error.message}</p>}
      <dl className="facts">
        {builtIns.map((p) => (
          <div className="fact" key={p.name}>
            <dt>
              <button type="button" className="link-button" onClick={() => onInsert(p.name)}>
                {`{{${p.name}}}`}
              </button>
            </dt>
            <dd>{p.meaning}</dd>
          </div>
        ))}
        {known.data && (
          <div className="fact">
            <dt>
              {known.data.sub_ids.map((name) => (
                <button type="button" className="link-button" key={name} onClick={() => onInsert(name)}>
                  {`{{${name}}}`}
                </button>
              ))}
            </dt>
            <dd>sub-ids from the tracking link’s query string</dd>
          </div>
        )}
        <div className="fact">
          <dt>
            <code>{'{{anything}}'}</code>
          </dt>
          <dd>
            the query parameter of that name on the tracking link, else the promo’s custom parameter, else
            empty (<code>{'{{_p_name}}'}</code> means <code>{'{{name}}'}</code>)
          </dd>
        </div>
      </dl>
      {ready && custom.length > 0 && (
        <p>
          Filled from the tracking link or the promo’s custom parameters:{' '}
          <strong data-testid="custom-placeholders">{custom.join(', ')}</strong>
        </p>
      )}
      {ready && url.trim() && (
        <p>
          Preview: <code data-testid="url-preview">{previewUrl(url.trim(), builtIns)}</code>
        </p>
      )}
      {ready && urlAb.trim() && (
        <p>
          B preview: <code>{previewUrl(urlAb.trim(), builtIns)}</code>
        </p>
      )}
    </section>
  );
}
