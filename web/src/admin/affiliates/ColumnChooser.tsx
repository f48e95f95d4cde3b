import { COLUMNS } from './columns.tsx';

interface ColumnChooserProps {
  visible: string[];
  onChange(keys: string[]): void;
}

/** Which columns the table shows; the name always stays. */
export function ColumnChooser({ visible, onChange }: ColumnChooserProps) {
  function toggle(key: string, on: boolean) {
    onChange(COLUMNS.map((c) => c.key).filter((k) => (k === key ? on : visible.includes(k))));
  }
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset>
        <legend className="visually-hidden">Columns shown</legend>
        {COLUMNS.filter((c) => c.key !== 'name').map((c) => (
          <div className="checkbox" key={c.key}>
            <input
              type="checkbox"
              id={`column-${c.key}`}
              checked={visible.includes(c.key)}
              onChange={(event) => toggle(c.key, event.target.checked)}
            />
            <label htmlFor={`column-${c.key}`}>{c.label}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
