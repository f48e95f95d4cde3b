/** The form-level error; role=alert so it is announced when a submit fails. */
export function FormSummary({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-summary" role="alert">
      {message}
    </p>
  );
}
