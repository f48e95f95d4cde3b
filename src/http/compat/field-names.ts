import { AppError, type FieldError } from '../../core/errors.ts';

/**
 * Runs a core operation for a compatibility route and words its field errors in the vendor's
 * names (`{ destination_link_id: 'link_id' }`), so the caller reads the fields it sent.
 */
export async function withVendorFieldNames<T>(
  names: Record<string, string>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const fields = (error as AppError).details as { fields?: FieldError[] } | null;
    if (!(error instanceof AppError) || error.code !== 'validation_failed' || !fields?.fields) throw error;
    throw AppError.validation(fields.fields.map((f) => ({ ...f, path: names[f.path] ?? f.path })));
  }
}
