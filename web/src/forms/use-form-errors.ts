import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { sentenceCase } from '../format.ts';

/** One field problem as the summary lists it: the input's label and id, so it can link there. */
export interface ShownProblem {
  path: string;
  label: string;
  message: string;
  id: string;
}

export interface FormErrors {
  /** The message for one input, by its API path (`email`, `scopes`, `users[0].email`). */
  field(path: string): string | undefined;
  /** The DOM id the input of `path` takes, so the summary can link to it. */
  idOf(path: string): string;
  /** Every field problem shown beside an input, in the form's order, for the summary. */
  problems: ShownProblem[];
  /** A message for the whole form: what the server said when it did not point at an input. */
  summary: string | null;
  /** Records a failed submit: field errors from a 422, or the error's message. */
  fail(error: unknown): void;
  /** Records a problem found before submitting (for example, passwords that do not match). */
  setField(path: string, message: string): void;
  /** Forgets one field's problem: called when the person changes that field. */
  clear(path: string): void;
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

/** `users[0].email` reads "Users 0 email" when a form gives no label for it. */
const labelOf = (path: string) => {
  const words = path
    .replace(/[[\].]+/g, ' ')
    .replace(/_/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The choices of a select or picker: what the API calls each, and what the person reads. */
export type Choices = Readonly<Record<string, readonly { value: string; label: string }[]>>;

const ONE_OF = /^must be one of: (.+)$/;

/**
 * The schema's "must be one of: view_only, active" in the words the form shows for each value
 * ("View only", "Active"): the field's own option labels when the form gives them.
 */
export function withLabels(message: string, options?: readonly { value: string; label: string }[]): string {
  const values = ONE_OF.exec(message)?.[1];
  if (!values) return message;
  const labelOf = (v: string) => options?.find((o) => o.value === v)?.label ?? sentenceCase(v);
  return `must be one of: ${values.split(', ').map(labelOf).join(', ')}`;
}

/**
 * The one pattern for showing server validation next to inputs. `fields` names the inputs this
 * form renders (with their labels, for the summary's links): problems with other paths cannot
 * be shown beside anything, so they go to the summary as text.
 */
export function useFormErrors(
  fields: readonly string[] | Readonly<Record<string, string>>,
  choices: Choices = {},
): FormErrors {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const prefix = `f${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const labels: Record<string, string> = useMemo(
    () =>
      Array.isArray(fields)
        ? Object.fromEntries(fields.map((p) => [p, labelOf(p)]))
        : (fields as Record<string, string>),
    [fields],
  );
  // Read when a submit fails, so options that loaded since are used and `fail` stays the same.
  const choicesRef = useRef(choices);
  choicesRef.current = choices;
  const idOf = useCallback((path: string) => `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`, [prefix]);

  const fail = useCallback(
    (error: unknown) => {
      const problems = (error instanceof ApiError ? fieldProblems(error.details) : []).map((p) => ({
        ...p,
        message: withLabels(p.message, choicesRef.current[p.path]),
      }));
      const shown = problems.filter((p) => p.path in labels);
      setByField(Object.fromEntries(shown.map((p) => [p.path, p.message])));
      if (problems.length > 0 && shown.length === problems.length) setSummary(null);
      else if (problems.length > 0) {
        // Problems of fields the form does not show still need saying, each by its name.
        const others = problems.filter((p) => !(p.path in labels));
        setSummary(others.map((p) => `${labelOf(p.path)}: ${p.message}`).join('; '));
      } else setSummary(error instanceof Error ? error.message : 'something went wrong; please try again');
    },
    [labels],
  );

  const setField = useCallback((path: string, message: string) => {
    setByField((current) => ({ ...current, [path]: message }));
  }, []);

  const clear = useCallback((path: string) => {
    setByField((current) => {
      if (!(path in current)) return current;
      const { [path]: _gone, ...rest } = current;
      return rest;
    });
  }, []);

  const reset = useCallback(() => {
    setByField({});
    setSummary(null);
  }, []);

  const problems = Object.keys(labels)
    .filter((path) => byField[path] !== undefined)
    .map((path) => ({ path, label: labels[path] ?? labelOf(path), message: byField[path]!, id: idOf(path) }));

  return { field: (path) => byField[path], idOf, problems, summary, fail, setField, clear, reset };
}
