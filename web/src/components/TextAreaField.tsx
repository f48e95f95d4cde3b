import { type TextareaHTMLAttributes, useId } from 'react';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange'> {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
}

/** A labelled textarea with its error beneath, like TextField. */
export function TextAreaField({ label, value, onChange, error, rows = 3, ...textarea }: TextAreaFieldProps) {
  const generated = useId();
  // A form's error summary links to the input, so the form may choose its id.
  const id = textarea.id ?? generated;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...textarea}
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
