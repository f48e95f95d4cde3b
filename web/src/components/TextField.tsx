import { type InputHTMLAttributes, useId } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  value: string;
  onChange(value: string): void;
  /** What a valid value looks like, shown before anything goes wrong. */
  hint?: string;
  error?: string;
}

/** A labelled input with its hint and error beneath, wired so screen readers announce them with it. */
export function TextField({ label, value, onChange, hint, error, ...input }: TextFieldProps) {
  const generated = useId();
  // A form's error summary links to the input, so the form may choose its id.
  const id = input.id ?? generated;
  const describedBy = notesOf(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** The ids of an input's hint and error, for its aria-describedby; undefined when it has neither. */
export const notesOf = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** What a valid value looks like, and what is wrong, under an input whose id is `id`. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
