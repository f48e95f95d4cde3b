import type { FieldError } from '../../errors.ts';
import type { EventView } from '../event-view.ts';

export type ItemResult =
  | { index: number; status: 'created' | 'duplicate'; event: EventView }
  | {
      index: number;
      status: 'rejected';
      error: { code: 'validation_failed' | 'idempotency_conflict'; message: string; fields: FieldError[] };
    };

/** An item accepted by its checks, with its place in the request. */
export interface Item<T> {
  index: number;
  input: T;
}

export function rejected(
  index: number,
  fields: FieldError[],
  code: 'validation_failed' | 'idempotency_conflict' = 'validation_failed',
): ItemResult {
  return {
    index,
    status: 'rejected',
    error: { code, message: fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields },
  };
}

/** The idempotency key of an event, and a customer's key, as map keys. */
export const eventKey = (brandId: number, type: string, eventId: string) =>
  `${brandId}\u0000${type}\u0000${eventId}`;
export const customerKey = (brandId: number, externalId: string) => `${brandId}\u0000${externalId}`;
