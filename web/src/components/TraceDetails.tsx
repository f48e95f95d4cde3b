import { humanize } from '../format.ts';
import './trace-details.css';

/**
 * A commission trace's structured part as nested lists: each key in words, objects and lists
 * indented under it, so the inputs, rule, tier and formula read without knowing JSON. Amounts
 * stay as the trace holds them (minor units), as the formula shows them.
 */
export function TraceDetails({ value, label }: { value: unknown; label: string }) {
  return (
    <section className="trace-details" aria-label={label}>
      <Value value={value} />
    </section>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ol>
        {value.map((item, i) => (
          // Trace lists never reorder: the position is the identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object')
    return (
      <dl>
        {Object.entries(value as Record<string, unknown>).map(([key, v]) => (
          <div key={key}>
            <dt>{humanize(key)}</dt>
            <dd>
              <Value value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  // Rule and kind names (min_first_deposit) read as words; amounts and times stay as they are.
  const text = String(value);
  return <span className="trace-value">{/^[a-z]+(_[a-z]+)+$/.test(text) ? humanize(text) : text}</span>;
}
