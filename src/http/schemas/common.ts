import { type Static, type TSchema, Type } from 'typebox';
import { ERROR_STATUS } from '../../core/errors.ts';

/** A string enum that validates with a readable "must be one of" and shows as `enum` in OpenAPI. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** Core code hands over Date objects; the serializer writes them as ISO 8601. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]),
      message: Type.String(),
      details: Type.Unknown(),
      request_id: Type.String(),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error, whatever the status' },
);

const ErrorRef = Type.Unsafe<Static<typeof ErrorBody>>(Type.Ref('ErrorBody'));

/** Adds the shared error body to a route's documented statuses. */
export function withErrors<R extends Record<number, TSchema>>(responses: R, ...statuses: number[]) {
  const all: Record<number, TSchema> = { ...responses };
  for (const status of [...new Set([...statuses, 500])]) all[status] = ErrorRef;
  return all as R;
}

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
