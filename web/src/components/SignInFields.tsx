import type { FormErrors } from '../forms/use-form-errors.ts';
import { TextField } from './TextField.tsx';

export interface Credentials {
  email: string;
  password: string;
}

export const EMPTY_CREDENTIALS: Credentials = { email: '', password: '' };

interface SignInFieldsProps {
  value: Credentials;
  onChange(next: Credentials): void;
  errors: FormErrors;
  autoFocus?: boolean;
}

/** Email and current password, marked so password managers fill them: both sign-in pages. */
export function SignInFields({ value, onChange, errors, autoFocus = true }: SignInFieldsProps) {
  return (
    <>
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        required
        autoFocus={autoFocus}
        value={value.email}
        onChange={(email) => onChange({ ...value, email })}
        error={errors.field('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        error={errors.field('password')}
      />
    </>
  );
}
