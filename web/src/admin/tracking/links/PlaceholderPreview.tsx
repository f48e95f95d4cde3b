import { BUILT_IN_PLACEHOLDERS, isBuiltIn, placeholdersIn, previewUrl, SUB_IDS } from './placeholders.ts';

interface PlaceholderPreviewProps {
  url: string;
  urlAb: string;
  /** Adds `{{name}}` at the end of the main URL. */
  onInsert(name: string): void;
}

/** What can go in `{{…}}`, which names the URLs use, and how a click would fill them. */
export function PlaceholderPreview({ url, urlAb, onInsert }: PlaceholderPreviewProps) {
  const used = placeholdersIn(`${url} ${urlAb}`);
  const custom = used.filter((name) => !isBuiltIn(name));
  return (
    <section className="placeholder-help" aria-label="Placeholders">
      <h3>Placeholders</h3>
      <p className="hint">
        Write <code>{'{{name}}'}</code> in a URL; every click fills it, percent-encoded. Click a name to add
        it to the URL.
      </p>
      <dl className="facts">
        {BUILT_IN_PLACEHOLDERS.map((p) => (
          <div className="fact" key={p.name}>
            <dt>
              <button type="button" className="link-button" onClick={() => onInsert(p.name)}>
                {`{{${p.name}}}`}
              </button>
            </dt>
            <dd>{p.meaning}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>
            {SUB_IDS.map((name) => (
              <button type="button" className="link-button" key={name} onClick={() => onInsert(name)}>
                {`{{${name}}}`}
              </button>
            ))}
          </dt>
          <dd>sub-ids from the tracking link’s query string</dd>
        </div>
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
      {custom.length > 0 && (
        <p>
          Filled from the tracking link or the promo’s custom parameters:{' '}
          <strong data-testid="custom-placeholders">{custom.join(', ')}</strong>
        </p>
      )}
      {url.trim() && (
        <p>
          Preview: <code data-testid="url-preview">{previewUrl(url.trim())}</code>
        </p>
      )}
      {urlAb.trim() && (
        <p>
          B preview: <code>{previewUrl(urlAb.trim())}</code>
        </p>
      )}
    </section>
  );
}
