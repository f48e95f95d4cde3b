import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/index.ts';
import type { Scope } from '../catalog/types.ts';
import { listPostbackLog, type PostbackAttempt, type PostbackLogFilter } from './list-postback-log.ts';

/** At most this many attempts in one export; narrow the filters for more. */
export const EXPORT_LIMIT = 100_000;

const COLUMNS: (keyof PostbackAttempt)[] = [
  'id',
  'attempted_at',
  'action',
  'url',
  'method',
  'attempt',
  'outcome',
  'response_code',
  'response_ms',
  'response_body',
  'error',
  'next_retry_at',
  'definition_id',
  'delivery_id',
  'affiliate_id',
  'campaign_id',
  'campaign_name',
  'promo_id',
  'promo_code',
  'test',
];

/** The filtered log as CSV (header row first), newest attempt first. */
export async function exportPostbackLog(options: {
  db: Db;
  filter: PostbackLogFilter;
  scope?: Scope;
}): Promise<string> {
  const { data } = await listPostbackLog({ ...options, limit: EXPORT_LIMIT, offset: 0 });
  // A cell a spreadsheet would run as a formula gets a leading quote.
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  return stringify([COLUMNS, ...data.map((row) => COLUMNS.map((c) => cell(row[c])))]);
}
