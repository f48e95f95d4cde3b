export type ClickCountSubject = 'platform' | 'affiliate' | 'campaign' | 'promo' | 'destination_link';

/** Clicks per hour and subject (migration 0009), kept by the click writer. */
export interface ClickCountsTable {
  subject: ClickCountSubject;
  /** 0 for the platform. */
  subject_id: number;
  hour: Date;
  clicks: bigint;
  unique_clicks: bigint;
  bot_clicks: bigint;
}

export interface ClickCountTables {
  click_counts: ClickCountsTable;
}
