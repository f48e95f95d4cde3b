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

/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Native lists page with `page` and `page_size` and answer `{ data, paging: { page, page_size,
 * total } }` (the affiliates search also takes offset and limit, which its public contract had).
 */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Default 50' })),
};

export function pageOf(q: { page?: number; page_size?: number }) {
  const page = q.page ?? 1;
  const size = q.page_size ?? 50;
  return { page, page_size: size, limit: size, offset: (page - 1) * size };
}

export const ListPaging = Type.Object({
  page: Type.Integer(),
  page_size: Type.Integer(),
  total: Type.Integer(),
});

/** A page of a native list. */
export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), paging: ListPaging });

/** The list envelope a handler returns: rows of a page and the count of every match. */
export function listPage<T>(page: { page: number; page_size: number }, result: { data: T[]; total: number }) {
  return { data: result.data, paging: { page: page.page, page_size: page.page_size, total: result.total } };
}
