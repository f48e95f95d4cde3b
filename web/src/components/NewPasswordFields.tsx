import type { FormErrors } from '../forms/use-form-errors.ts';
import { TextField } from './TextField.tsx';

/** The server's password rule, shown before anything goes wrong. */
export const PASSWORD_HINT =
  'At least 8 characters, with an uppercase letter, a lowercase letter and a symbol.';

export interface NewPassword {
  password: string;
  confirm: string;
}

export const EMPTY_PASSWORD: NewPassword = { password: '', confirm: '' };

interface NewPasswordFieldsProps {
  value: NewPassword;
  onChange(next: NewPassword): void;
  errors: FormErrors;
  /** The API's name for the password (`password`, `new_password`); the confirmation is `confirm`. */
  path?: string;
  label?: string;
  hint?: string;
  autoFocus?: boolean;
}

/** A new password typed twice; check it with passwordsMatch before sending. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  path = 'password',
  label = 'Password',
  hint = PASSWORD_HINT,
  autoFocus,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        hint={hint}
        error={errors.field(path)}
      />
      <TextField
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(confirm) => onChange({ ...value, confirm })}
        error={errors.field('confirm')}
      />
    </>
  );
}

/** The check made in the browser: a mismatch is marked on the confirmation and nothing is sent. */
export function passwordsMatch(value: NewPassword, errors: FormErrors, label = 'Password'): boolean {
  if (value.password === value.confirm) return true;
  errors.setField('confirm', `does not match the ${label.toLowerCase()}`);
  return false;
}
