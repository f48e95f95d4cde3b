import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.ts';

export interface FormErrors {
  /** The message for one input, by its API path (`email`, `scopes`, `users[0].email`). */
  field(path: string): string | undefined;
  /** A message for the whole form: what the server said when it did not point at an input. */
  summary: string | null;
  /** Records a failed submit: field errors from a 422, or the error's message. */
  fail(error: unknown): void;
  /** Records a problem found before submitting (for example, passwords that do not match). */
  setField(path: string, message: string): void;
  reset(): void;
}

interface FieldProblem {
  path: string;
  message: string;
}

// The OpenAPI schema types `details` as unknown; validation errors put `{ fields: [...] }` there.
function fieldProblems(details: unknown): FieldProblem[] {
  const fields = (details as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldProblem => typeof f?.path === 'string' && typeof f?.message === 'string',
  );
}

/**
 * The one pattern for showing server validation next to inputs. `fields` names the inputs this
 * form renders: problems with other paths cannot be shown beside anything, so they go to the summary.
 */
export function useFormErrors(fields: readonly string[]): FormErrors {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);

  const fail = useCallback(
    (error: unknown) => {
      const problems = error instanceof ApiError ? fieldProblems(error.details) : [];
      const shown = problems.filter((p) => fields.includes(p.path));
      setByField(Object.fromEntries(shown.map((p) => [p.path, p.message])));
      if (problems.length > 0 && shown.length === problems.length) setSummary(null);
      else setSummary(error instanceof Error ? error.message : 'something went wrong; please try again');
    },
    [fields],
  );

  const setField = useCallback((path: string, message: string) => {
    setByField((current) => ({ ...current, [path]: message }));
  }, []);

  const reset = useCallback(() => {
    setByField({});
    setSummary(null);
  }, []);

  return { field: (path) => byField[path], summary, fail, setField, reset };
}
