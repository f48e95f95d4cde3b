// @internal: the CSV columns of an event import and how a row becomes an event item.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { FieldError } from '../../errors.ts';
import { ACTIVITY_FIELDS, PRODUCTS } from '../event-input.ts';
import { KNOWN_FIELDS } from '../ingest/parse-event.ts';

/** Columns whose cells are numbers in the API's JSON (ids, minor units, counts). */
const NUMBER_FIELDS = new Set(['brand_id', 'affiliate_id', 'campaign_id', 'amount']);
const NESTED = new Set(['activity', 'products', 'metadata']);
const REQUIRED = ['type', 'event_id', 'brand_id', 'customer_id', 'occurred_at'];
const NUMBER = /^-?\d+(\.\d+)?$/;
const FIGURES: readonly string[] = ACTIVITY_FIELDS;
const PRODUCT_NAMES: readonly string[] = PRODUCTS;

/** Where a column's cell goes in the event item, and whether it is a number there. */
export interface Column {
  path: string[];
  numeric: boolean;
}

function columnOf(name: string): Column | string {
  const path = name.split('.');
  const [top, second, third] = path;
  if (path.length === 1) {
    if (!top || !KNOWN_FIELDS.has(top) || NESTED.has(top))
      return NESTED.has(top ?? '')
        ? `is not a column: name its parts, e.g. ${top === 'products' ? 'products.casino.bets' : `${top}.bets`}`
        : 'is not a field of an event';
    return { path, numeric: NUMBER_FIELDS.has(top) };
  }
  if (top === 'metadata' && path.length === 2 && second) return { path, numeric: false };
  if (top === 'activity' && path.length === 2) {
    if (second && FIGURES.includes(second)) return { path, numeric: true };
    return `is not an activity figure (use activity.${ACTIVITY_FIELDS.join(', activity.')})`;
  }
  if (top === 'products' && path.length === 3) {
    if (!second || !PRODUCT_NAMES.includes(second)) return `is not a product (use ${PRODUCTS.join(', ')})`;
    if (third && FIGURES.includes(third)) return { path, numeric: true };
    return `is not an activity figure (use ${ACTIVITY_FIELDS.join(', ')})`;
  }
  return 'is not a field of an event';
}

/**
 * The header's columns, or every problem with them: a name that is no event field, one given
 * twice, a required one missing. Paths are `columns.<name>`.
 */
export function readHeader(
  header: string[],
): { columns: Column[]; errors?: undefined } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') {
      errors.push({ path: `columns[${i}]`, message: 'has no name' });
      return;
    }
    if (seen.has(name)) errors.push({ path: `columns.${name}`, message: 'is named twice' });
    seen.add(name);
    const column = columnOf(name);
    if (typeof column === 'string') errors.push({ path: `columns.${name}`, message: column });
    else columns.push(column);
  });
  for (const name of REQUIRED)
    if (!seen.has(name)) errors.push({ path: `columns.${name}`, message: 'is required' });
  return errors.length ? { errors } : { columns };
}

/**
 * A data row as the event item the API would have received: empty cells left out, numbers where
 * the API takes numbers (a cell that is not one stays text, and the event's checks name it).
 */
export function rowToItem(
  columns: Column[],
  cells: string[],
): { item: Record<string, unknown>; problem?: undefined } | { item?: undefined; problem: FieldError } {
  const item: Record<string, unknown> = {};
  let problem: FieldError | undefined;
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell === undefined || cell === '') return;
    // The database cannot store it in text; the API refuses it in any string.
    if (cell.includes('\u0000'))
      problem ??= { path: column.path.join('.'), message: 'must not contain NUL characters' };
    let value: unknown = cell;
    if (column.numeric && NUMBER.test(cell)) value = Number(cell);
    else if (column.path[0] === 'is_ftd' && /^(true|false)$/i.test(cell))
      value = cell.toLowerCase() === 'true';
    let target = item;
    for (const part of column.path.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[column.path[column.path.length - 1] as string] = value;
  });
  return problem ? { problem } : { item };
}

/** The file as received, decompressed on the way when it came gzip-compressed. */
export function csvSource(content: Buffer, encoding: 'identity' | 'gzip'): Readable {
  const raw = Readable.from([content]);
  if (encoding === 'identity') return raw;
  const gunzip = createGunzip();
  pipeline(raw, gunzip).catch(() => {});
  return gunzip;
}
