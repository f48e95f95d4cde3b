// The building blocks of the plan editor's sections: inputs bound to one server path of the
// definition (their id, error and clearing that error on change) and the draft fields they edit.
import type { ReactNode } from 'react';
import { type Option, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { FormErrors } from '../../forms/use-form-errors.ts';
import type { Draft } from './draft.ts';

export interface SectionProps {
  draft: Draft;
  /** Changes the draft and forgets the problem shown for `path`. */
  change(path: string, update: (d: Draft) => void): void;
  errors: FormErrors;
  currency: string;
}

interface Bound {
  p: SectionProps;
  /** The server's path under `definition.` */
  path: string;
  label: string;
  value: string;
  set(d: Draft, v: string): void;
}

/** A text input bound to one server path: its id, its error, and clearing that error on change. */
export function Input({
  p,
  path,
  label,
  value,
  set,
  hint,
  count,
}: Bound & { hint?: string; count?: boolean }) {
  const full = `definition.${path}`;
  return (
    <TextField
      id={p.errors.idOf(full)}
      label={label}
      value={value}
      inputMode={count ? 'numeric' : 'decimal'}
      onChange={(v) => p.change(full, (d) => set(d, v))}
      hint={hint}
      error={p.errors.field(full)}
    />
  );
}

/** A select bound to one server path, like Input. */
export function Choice({ p, path, label, value, set, options }: Bound & { options: Option[] }) {
  const full = `definition.${path}`;
  return (
    <SelectField
      id={p.errors.idOf(full)}
      label={label}
      value={value}
      options={options}
      onChange={(v) => p.change(full, (d) => set(d, v))}
      error={p.errors.field(full)}
    />
  );
}

/** A checkbox that changes the draft. */
export function Check({
  p,
  path,
  label,
  checked,
  set,
}: {
  p: SectionProps;
  path: string;
  label: string;
  checked: boolean;
  set(d: Draft, on: boolean): void;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => p.change(`definition.${path}`, (d) => set(d, e.target.checked))}
      />
      {label}
    </label>
  );
}

/** A problem of a whole group (a tier list, a level), shown where the group starts. */
export function GroupError({ path, p }: { path: string; p: SectionProps }) {
  const full = `definition.${path}`;
  const message = p.errors.field(full);
  return (
    <p id={p.errors.idOf(full)} tabIndex={-1} className={message ? 'field-error' : 'visually-hidden'}>
      {message ?? ''}
    </p>
  );
}

/** Rows a person adds and removes (tiers, bands, country amounts), each with its Remove button. */
export function Rows<T>({
  rows,
  noun,
  min = 0,
  max = 100,
  add,
  remove,
  children,
}: {
  rows: T[];
  noun: string;
  min?: number;
  max?: number;
  add(): void;
  remove(i: number): void;
  children(row: T, i: number): ReactNode;
}) {
  return (
    <>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div className="row" key={i}>
          {children(row, i)}
          {rows.length > min && (
            <button type="button" className="button-secondary" onClick={() => remove(i)}>
              Remove {noun} {i + 1}
            </button>
          )}
        </div>
      ))}
      {rows.length < max && (
        <button type="button" className="button-secondary" onClick={add}>
          Add a {noun}
        </button>
      )}
    </>
  );
}

export function Section({
  p,
  name,
  title,
  children,
}: {
  p: SectionProps;
  name: 'cpl' | 'cpa' | 'revshare' | 'sale_share' | 'sub_affiliate';
  title: string;
  children: ReactNode;
}) {
  const on = p.draft[name].on;
  return (
    <fieldset className="panel plan-section" data-component={name}>
      <legend>
        <Check
          p={p}
          path={name}
          label={title}
          checked={on}
          set={(d, v) => {
            d[name].on = v;
          }}
        />
      </legend>
      <GroupError path={name} p={p} />
      {on && children}
    </fieldset>
  );
}

export const move = <T,>(list: T[], from: number, to: number) => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

/** Value and setter of one text field of the draft, for Input and Choice: `read` is the object
 * the field is read from now, `write` finds the same object in the draft being changed. */
export function field<T extends object, K extends keyof T & (string | number)>(
  read: T,
  key: K,
  write: (d: Draft) => T,
): { value: string; set(d: Draft, v: string): void } {
  return {
    value: String(read[key]),
    set: (d, v) => {
      (write(d) as Record<K, unknown>)[key] = v;
    },
  };
}

/** Checked state and setter of one yes/no field of the draft, for Check. */
export function flag<T extends object, K extends keyof T & string>(
  read: T,
  key: K,
  write: (d: Draft) => T,
): { checked: boolean; set(d: Draft, on: boolean): void } {
  return {
    checked: Boolean(read[key]),
    set: (d, on) => {
      (write(d) as Record<K, unknown>)[key] = on;
    },
  };
}
