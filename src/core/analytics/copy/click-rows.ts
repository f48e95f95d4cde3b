// @internal: clicks and impressions as the analytics copy writes them to ClickHouse.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { OutboxRow, Push } from './analytics-rows.ts';
import { int, str, time } from './row-values.ts';

/** A clicks row as PostgreSQL holds it, the columns the copy reads. */
export interface ClickRow {
  id: string;
  clicked_at: Date;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number;
  promo_id: number;
  destination_link_id: number;
  variant: string;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  country: string | null;
  device_type: string | null;
  is_bot: boolean;
  is_unique: boolean;
}

export const CLICK_COLUMNS = sql.raw(`id, clicked_at, affiliate_id, brand_id, campaign_id, promo_id,
  destination_link_id, variant, sub1, sub2, sub3, sub4, sub5, country, device_type, is_bot, is_unique`);

export async function clicks(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const found = await sql<ClickRow>`select ${CLICK_COLUMNS}
    from clicks where id = any(${rows.map((r) => r.row_id)}::text[])`.execute(db);
  for (const c of found.rows) push('clicks', clickRow(c));
}

/** The ClickHouse clicks row of a click. */
export function clickRow(c: ClickRow) {
  return {
    id: c.id,
    clicked_at: time(c.clicked_at),
    affiliate_id: c.affiliate_id,
    brand_id: c.brand_id,
    campaign_id: c.campaign_id,
    promo_id: c.promo_id,
    landing_id: c.destination_link_id,
    variant: c.variant,
    sub1: str(c.sub1),
    sub2: str(c.sub2),
    sub3: str(c.sub3),
    sub4: str(c.sub4),
    sub5: str(c.sub5),
    country: str(c.country),
    device: str(c.device_type),
    is_bot: c.is_bot,
    is_unique: c.is_unique,
    // Clicks never change: every copy is the same row.
    version: '1',
  };
}

export async function impressions(db: Db, rows: OutboxRow[], push: Push) {
  if (rows.length === 0) return;
  const keys = new Map<string, { promo_id: number; hour: string }>();
  for (const r of rows) {
    const k = r.row as { promo_id: number; hour: string };
    keys.set(`${k.promo_id}|${k.hour}`, k);
  }
  const list = [...keys.values()];
  const found =
    await sql<ImpressionRow>`select i.promo_id, i.hour, i.impressions, p.affiliate_id, p.brand_id, p.campaign_id
    from unnest(${list.map((k) => k.promo_id)}::int[], ${list.map((k) => k.hour)}::timestamptz[]) k (promo_id, hour)
    join promo_impressions i on i.promo_id = k.promo_id and i.hour = k.hour
    join promos p on p.id = i.promo_id`.execute(db);
  for (const i of found.rows) push('impression_hours', impressionRow(i));
}

/** An hour's count of a promo's impressions, with the promo's owner. */
export interface ImpressionRow {
  promo_id: number;
  hour: Date;
  impressions: bigint;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number;
}

export function impressionRow(i: ImpressionRow) {
  return {
    hour: time(i.hour),
    affiliate_id: i.affiliate_id,
    brand_id: i.brand_id,
    campaign_id: i.campaign_id,
    promo_id: i.promo_id,
    impressions: int(i.impressions),
    // The hour's count only grows: the highest count is the newest copy.
    version: int(i.impressions),
  };
}
