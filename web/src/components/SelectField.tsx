import { type SelectHTMLAttributes, useId } from 'react';
import { humanize } from '../format.ts';

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  /** Shown first with an empty value (for example "Any status" or "None"). */
  empty?: string;
  error?: string;
}

/** Options for API values, labelled as words ("sub_affiliates" reads "sub affiliates"). */
export const optionsOf = (values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: humanize(value) }));

/** A labelled select with its error beneath, like TextField. */
export function SelectField({ label, value, onChange, options, empty, error, ...select }: SelectFieldProps) {
  const generated = useId();
  // A form's error summary links to the input, so the form may choose its id.
  const id = select.id ?? generated;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        {...select}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
