import type { FormEvent, ReactNode } from 'react';
import type { ShownProblem } from '../forms/use-form-errors.ts';
import { FormSummary } from './FormSummary.tsx';

interface CardFormProps {
  title: string;
  /** The form-level error (FormErrors.summary). */
  summary: string | null;
  /** The field problems (FormErrors.problems), listed above the form with links to each. */
  problems?: readonly ShownProblem[];
  /** Called on submit, after the browser's own submission is stopped. */
  onSubmit(): void;
  children: ReactNode;
}

/** A centred card holding one form: the signed-out pages (sign in, setup, passwords, sign-up). */
export function CardForm({ title, summary, problems, onSubmit, children }: CardFormProps) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>{title}</h1>
        <FormSummary message={summary} problems={problems} />
        {children}
      </form>
    </main>
  );
}
