// @internal: the ClickHouse schema, applied by apply-analytics-schema.ts
/**
 * ClickHouse's own migration list, applied in order at start; like PostgreSQL's, an applied entry
 * is never edited (its checksum is compared). Raw tables are ReplacingMergeTree by the source
 * row's id with a version, so a row copied again (a retry, a backfill over copied history)
 * stays one row; rollups are fed by materialized views from append-only signed fact tables,
 * so a status change or a re-attribution is one more pair of facts (-old, +new) and the rollup
 * stays exact without reading the raw rows back. Time columns are DoubleDelta-coded (they
 * arrive nearly sorted); low-cardinality strings are dictionary-encoded.
 */
export interface AnalyticsMigration {
  id: string;
  statements: string[];
}

const PART = `PARTITION BY toYYYYMM`;

export const ANALYTICS_MIGRATIONS: AnalyticsMigration[] = [
  {
    id: '0001_clicks',
    statements: [
      `CREATE TABLE IF NOT EXISTS clicks (
        id String,
        clicked_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32,
        brand_id UInt32,
        campaign_id UInt32,
        promo_id UInt32,
        landing_id UInt32,
        variant LowCardinality(String),
        sub1 String, sub2 String, sub3 String, sub4 String, sub5 String,
        country LowCardinality(String),
        device LowCardinality(String),
        is_bot Bool,
        is_unique Bool,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ${PART}(clicked_at)
      ORDER BY (affiliate_id, clicked_at, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS click_hours (
        hour DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32, landing_id UInt32,
        country LowCardinality(String),
        device LowCardinality(String),
        clicks UInt64,
        unique_clicks UInt64
      ) ENGINE = SummingMergeTree((clicks, unique_clicks))
      ${PART}(hour)
      ORDER BY (affiliate_id, hour, brand_id, campaign_id, promo_id, landing_id, country, device)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS click_hours_mv TO click_hours AS
        SELECT toStartOfHour(clicked_at) AS hour, affiliate_id, brand_id, campaign_id, promo_id, landing_id,
          country, device, count() AS clicks, countIf(is_unique) AS unique_clicks
        FROM clicks
        GROUP BY hour, affiliate_id, brand_id, campaign_id, promo_id, landing_id, country, device`,
    ],
  },
  {
    id: '0002_impressions',
    statements: [
      // PostgreSQL counts impressions per promo and hour in place: each copy carries the hour's
      // count so far, and the newest version is the count.
      `CREATE TABLE IF NOT EXISTS impression_hours (
        hour DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32,
        impressions UInt64,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ${PART}(hour)
      ORDER BY (affiliate_id, hour, promo_id)
      SETTINGS non_replicated_deduplication_window = 10000`,
    ],
  },
  {
    id: '0003_events',
    statements: [
      `CREATE TABLE IF NOT EXISTS events (
        id UInt64,
        occurred_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
        brand_id UInt32,
        affiliate_id UInt32,
        campaign_id UInt32,
        promo_id UInt32,
        customer_id UInt64,
        type LowCardinality(String),
        currency LowCardinality(String),
        country LowCardinality(String),
        amount Int64,
        is_ftd Bool,
        bets Int64, wins Int64, bonuses Int64,
        click_id String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ${PART}(occurred_at)
      ORDER BY (affiliate_id, occurred_at, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      // One row per event as attributed (sign 1), and per re-attribution a row taking the old
      // owner's figures back (sign -1) beside the new owner's.
      `CREATE TABLE IF NOT EXISTS event_facts (
        event_id UInt64,
        occurred_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
        brand_id UInt32, affiliate_id UInt32, campaign_id UInt32, promo_id UInt32,
        type LowCardinality(String),
        currency LowCardinality(String),
        country LowCardinality(String),
        amount Int64,
        is_ftd Bool,
        bets Int64, wins Int64, bonuses Int64,
        sign Int8
      ) ENGINE = MergeTree
      ${PART}(occurred_at)
      ORDER BY (affiliate_id, occurred_at, event_id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS event_days (
        day Date CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32,
        currency LowCardinality(String),
        registrations Int64, qualified_leads Int64, ftd_count Int64, ftd_amount Int64,
        deposit_count Int64, deposit_amount Int64, withdrawal_amount Int64, chargebacks Int64,
        bets Int64, wins Int64, bonuses Int64
      ) ENGINE = SummingMergeTree
      ${PART}(day)
      ORDER BY (affiliate_id, day, brand_id, campaign_id, promo_id, currency)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS event_days_mv TO event_days AS
        SELECT toDate(occurred_at) AS day, affiliate_id, brand_id, campaign_id, promo_id, currency,
          sumIf(sign, type = 'registration') AS registrations,
          sumIf(sign, type = 'qualification') AS qualified_leads,
          sumIf(sign, is_ftd) AS ftd_count,
          sumIf(sign * amount, is_ftd) AS ftd_amount,
          sumIf(sign, type = 'deposit') AS deposit_count,
          sumIf(sign * amount, type = 'deposit') AS deposit_amount,
          sumIf(sign * amount, type = 'withdrawal') AS withdrawal_amount,
          sumIf(sign * amount, type = 'chargeback') AS chargebacks,
          sum(sign * bets) AS bets, sum(sign * wins) AS wins, sum(sign * bonuses) AS bonuses
        FROM event_facts
        GROUP BY day, affiliate_id, brand_id, campaign_id, promo_id, currency`,
    ],
  },
  {
    id: '0004_commissions',
    statements: [
      `CREATE TABLE IF NOT EXISTS commissions (
        id UInt64,
        earned_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32, plan_id UInt32,
        kind LowCardinality(String),
        status LowCardinality(String),
        currency LowCardinality(String),
        amount Int64,
        event_id UInt64,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ${PART}(earned_at)
      ORDER BY (affiliate_id, earned_at, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      // A commission as earned (sign 1, its initial status), and per status change the amount
      // leaving the old status (-1) and reaching the new one (+1): the corrections.
      `CREATE TABLE IF NOT EXISTS commission_facts (
        commission_id UInt64,
        change_id UInt64,
        earned_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32, plan_id UInt32,
        kind LowCardinality(String),
        status LowCardinality(String),
        currency LowCardinality(String),
        amount Int64,
        sign Int8
      ) ENGINE = MergeTree
      ${PART}(earned_at)
      ORDER BY (affiliate_id, earned_at, commission_id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS commission_days (
        day Date CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32, plan_id UInt32,
        kind LowCardinality(String),
        status LowCardinality(String),
        currency LowCardinality(String),
        amount Int64,
        count Int64
      ) ENGINE = SummingMergeTree((amount, count))
      ${PART}(day)
      ORDER BY (affiliate_id, day, brand_id, campaign_id, promo_id, plan_id, kind, status, currency)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS commission_days_mv TO commission_days AS
        SELECT toDate(earned_at) AS day, affiliate_id, brand_id, campaign_id, promo_id, plan_id, kind, status,
          currency, sum(sign * amount) AS amount, sum(sign) AS count
        FROM commission_facts
        GROUP BY day, affiliate_id, brand_id, campaign_id, promo_id, plan_id, kind, status, currency`,
    ],
  },
  {
    // A materialized view's target deduplicates a retried block only with a window of its own:
    // without it, a batch copied again reaches the rollups twice though its raw rows do not.
    id: '0005_rollup_deduplication',
    statements: ['click_hours', 'event_days', 'commission_days'].map(
      (table) => `ALTER TABLE ${table} MODIFY SETTING non_replicated_deduplication_window = 10000`,
    ),
  },
  {
    // What the reports group and filter by beyond the daily rollups' keys: the customer's country,
    // its click's sub-ids and its coupon code on event and commission facts, the chargebacks of
    // activity lines and whether a commission is a qualified CPA; hourly rollups of both, so
    // hours, other time zones and countries read sums, not facts. `facts` counts the fact rows of
    // a rollup row, so a row is never all zeros (SummingMergeTree would drop it, PostgreSQL keeps
    // its group). Facts copied before this migration have the new columns' defaults.
    id: '0006_report_dimensions',
    statements: [
      ...['event_facts', 'commission_facts'].flatMap((table) => [
        ...[1, 2, 3, 4, 5].map((n) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS sub${n} String`),
        `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS coupon_code_id UInt32`,
      ]),
      'ALTER TABLE event_facts ADD COLUMN IF NOT EXISTS line_chargebacks Int64',
      'ALTER TABLE commission_facts ADD COLUMN IF NOT EXISTS country LowCardinality(String)',
      'ALTER TABLE commission_facts ADD COLUMN IF NOT EXISTS qualified_cpa Int8',
      `CREATE TABLE IF NOT EXISTS event_hours (
        hour DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32,
        country LowCardinality(String),
        currency LowCardinality(String),
        registrations Int64, qualified_leads Int64, ftd_count Int64, ftd_amount Int64,
        deposit_count Int64, deposit_amount Int64, withdrawal_amount Int64, chargebacks Int64,
        bets Int64, wins Int64, bonuses Int64,
        facts UInt64
      ) ENGINE = SummingMergeTree
      ${PART}(hour)
      ORDER BY (affiliate_id, hour, brand_id, campaign_id, promo_id, country, currency)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS event_hours_mv TO event_hours AS
        SELECT toStartOfHour(toDateTime(occurred_at, 'UTC')) AS hour, affiliate_id, brand_id, campaign_id,
          promo_id, country, currency,
          sumIf(sign, type = 'registration') AS registrations,
          sumIf(sign, type = 'qualification') AS qualified_leads,
          sumIf(sign, is_ftd) AS ftd_count,
          sumIf(sign * amount, is_ftd) AS ftd_amount,
          sumIf(sign, type = 'deposit') AS deposit_count,
          sumIf(sign * amount, type = 'deposit') AS deposit_amount,
          sumIf(sign * amount, type = 'withdrawal') AS withdrawal_amount,
          sumIf(sign * amount, type = 'chargeback') + sum(sign * line_chargebacks) AS chargebacks,
          sum(sign * bets) AS bets, sum(sign * wins) AS wins, sum(sign * bonuses) AS bonuses,
          count() AS facts
        FROM event_facts
        GROUP BY hour, affiliate_id, brand_id, campaign_id, promo_id, country, currency`,
      `CREATE TABLE IF NOT EXISTS commission_hours (
        hour DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
        affiliate_id UInt32, brand_id UInt32, campaign_id UInt32, promo_id UInt32, plan_id UInt32,
        country LowCardinality(String),
        kind LowCardinality(String),
        status LowCardinality(String),
        currency LowCardinality(String),
        amount Int64,
        count Int64,
        qualified_cpa Int64,
        facts UInt64
      ) ENGINE = SummingMergeTree((amount, count, qualified_cpa, facts))
      ${PART}(hour)
      ORDER BY (affiliate_id, hour, brand_id, campaign_id, promo_id, plan_id, country, kind, status, currency)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS commission_hours_mv TO commission_hours AS
        SELECT toStartOfHour(toDateTime(earned_at, 'UTC')) AS hour, affiliate_id, brand_id, campaign_id,
          promo_id, plan_id, country, kind, status, currency, sum(sign * amount) AS amount,
          sum(sign) AS count, sum(sign * qualified_cpa) AS qualified_cpa, count() AS facts
        FROM commission_facts
        GROUP BY hour, affiliate_id, brand_id, campaign_id, promo_id, plan_id, country, kind, status, currency`,
    ],
  },
];
