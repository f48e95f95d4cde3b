import { useId } from 'react';

interface OrderedPickerProps<T extends string> {
  label: string;
  /** Chosen, in order. */
  value: T[];
  options: readonly T[];
  labelOf(value: T): string;
  onChange(value: T[]): void;
  /** What an empty choice means ("one row", "the default columns"). */
  emptyText: string;
}

/** Pick some of a list and put them in order: add from a select, move up or down, remove. */
export function OrderedPicker<T extends string>(props: OrderedPickerProps<T>) {
  const id = useId();
  const { value, onChange, labelOf } = props;
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  const free = props.options.filter((o) => !value.includes(o));
  return (
    <fieldset className="ordered-picker">
      <legend>{props.label}</legend>
      {value.length === 0 ? (
        <p className="muted">{props.emptyText}</p>
      ) : (
        <ol>
          {value.map((v, i) => (
            <li key={v}>
              <span>{labelOf(v)}</span>
              <button
                type="button"
                className="button-secondary"
                aria-label={`Move ${labelOf(v)} up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button-secondary"
                aria-label={`Move ${labelOf(v)} down`}
                disabled={i === value.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove ${labelOf(v)}`}
                onClick={() => onChange(value.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      {free.length > 0 && (
        <div className="field">
          <label htmlFor={id}>Add to {props.label.toLowerCase()}</label>
          <select
            id={id}
            value=""
            onChange={(event) => event.target.value && onChange([...value, event.target.value as T])}
          >
            <option value="">Choose…</option>
            {free.map((o) => (
              <option key={o} value={o}>
                {labelOf(o)}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
