import { useState } from 'react';
import type { FormErrors } from '../forms/use-form-errors.ts';
import { CardForm } from './CardForm.tsx';
import { EMPTY_PASSWORD, NewPasswordFields, passwordsMatch } from './NewPasswordFields.tsx';

interface SetPasswordFormProps {
  title: string;
  errors: FormErrors;
  pending: boolean;
  /** Called with the password once both inputs match. */
  onSave(password: string): void;
}

/** Where a set-password or reset-password email leads, for staff and affiliate users alike. */
export function SetPasswordForm({ title, errors, pending, onSave }: SetPasswordFormProps) {
  const [value, setValue] = useState(EMPTY_PASSWORD);
  function submit() {
    errors.reset();
    if (passwordsMatch(value, errors)) onSave(value.password);
  }
  return (
    <CardForm title={title} summary={errors.summary} onSubmit={submit}>
      <NewPasswordFields value={value} onChange={setValue} errors={errors} autoFocus />
      <button type="submit" disabled={pending}>
        Save password
      </button>
    </CardForm>
  );
}
