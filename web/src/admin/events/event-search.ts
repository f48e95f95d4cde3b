import { boolOf, defined, int, oneOf, time, type YesNo, yesNo } from '../list-params.ts';
import { EVENT_TYPES, type EventQuery, type EventType } from './api.ts';

/** The events log's filters, kept in the URL so a filtered log can be shared; times as ISO 8601. */
export interface EventSearch {
  type?: EventType;
  brand?: number;
  affiliate?: number;
  /** Our id of one customer: the log of that customer's events. */
  customer?: number;
  attributed?: YesNo;
  held?: YesNo;
  occurred_from?: string;
  occurred_to?: string;
  received_from?: string;
  received_to?: string;
  page?: number;
}

export const PAGE_SIZE = 50;

export function validateEventSearch(raw: Record<string, unknown>): EventSearch {
  return defined({
    type: oneOf(EVENT_TYPES, raw.type),
    brand: int(raw.brand),
    affiliate: int(raw.affiliate),
    customer: int(raw.customer),
    attributed: yesNo(raw.attributed),
    held: yesNo(raw.held),
    occurred_from: time(raw.occurred_from),
    occurred_to: time(raw.occurred_to),
    received_from: time(raw.received_from),
    received_to: time(raw.received_to),
    page: int(raw.page),
  });
}

export function toEventQuery(s: EventSearch): EventQuery {
  return defined({
    type: s.type,
    brand_id: s.brand,
    affiliate_id: s.affiliate,
    customer_ref: s.customer,
    attributed: boolOf(s.attributed),
    held: boolOf(s.held),
    occurred_from: s.occurred_from,
    occurred_to: s.occurred_to,
    received_from: s.received_from,
    received_to: s.received_to,
    page: s.page ?? 1,
    page_size: PAGE_SIZE,
  });
}

export const isFiltered = ({ page: _, ...filters }: EventSearch) => Object.keys(filters).length > 0;
