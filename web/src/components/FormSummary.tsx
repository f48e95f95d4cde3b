import type { MouseEvent } from 'react';
import type { ShownProblem } from '../forms/use-form-errors.ts';

interface FormSummaryProps {
  /** What the server said that names no input (FormErrors.summary). */
  message: string | null;
  /** The problems shown beside inputs (FormErrors.problems): listed with links to each. */
  problems?: readonly ShownProblem[];
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const input = document.getElementById(id);
  if (!input) return;
  // The URL keeps no #fragment: a reload should not jump into the form.
  event.preventDefault();
  input.scrollIntoView({ block: 'center' });
  input.focus();
}

/**
 * The form-level errors, above the form: the message naming no input, and every field problem
 * as a link that moves to its input. role=alert so it is announced when a submit fails.
 */
export function FormSummary({ message, problems = [] }: FormSummaryProps) {
  if (!message && problems.length === 0) return null;
  return (
    <div className="form-summary" role="alert">
      {message && <p>{message}</p>}
      {problems.length > 0 && (
        <>
          <p className="form-summary-title">
            {problems.length === 1
              ? 'Fix this to continue:'
              : `Fix these ${problems.length} problems to continue:`}
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p.path}>
                <a href={`#${p.id}`} onClick={(event) => focusField(event, p.id)}>
                  {p.label}
                </a>
                : {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
