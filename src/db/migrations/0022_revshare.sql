-- RevShare: money accrued per customer and day (a projection of the append-only events and
-- activity lines), the days a new or re-attributed event touched (so only those are worked out
-- again), and per finalized period the result of each affiliate's plan version with the
-- negative carry-over it passes on.

-- A customer's money of one day owned by one affiliate (through one campaign) in one currency.
-- The day is the UTC date an event occurred on (an activity event: its period_end).
create table revshare_accruals (
  customer_id bigint not null references customers (id),
  day date not null,
  affiliate_id integer not null,
  campaign_id integer,
  brand_id integer not null,
  currency text not null,
  bets bigint not null default 0,
  bet_count bigint not null default 0,
  wins bigint not null default 0,
  bonuses bigint not null default 0,
  jackpot_contributions bigint not null default 0,
  taxes bigint not null default 0,
  fees bigint not null default 0,
  -- Activity lines' chargebacks plus chargeback events.
  chargebacks bigint not null default 0,
  adjustments bigint not null default 0,
  -- Deposits less refunded deposits.
  deposits bigint not null default 0,
  deposit_count integer not null default 0,
  withdrawals bigint not null default 0
);
create unique index revshare_accruals_key_idx
  on revshare_accruals (customer_id, day, affiliate_id, coalesce(campaign_id, 0), currency);
create index revshare_accruals_day_idx on revshare_accruals (day, brand_id);
create index revshare_accruals_affiliate_idx on revshare_accruals (affiliate_id, day);

-- (customer, day) pairs whose accrual is to be worked out again, marked in the transaction of
-- the event (statement triggers below). A refresh removes the marks it saw and works those pairs
-- out in one statement; a mark counted up meanwhile (`marks`) is not removed, so the pair is
-- worked out again next time, with the events of that mark.
create table revshare_dirty_days (
  customer_id bigint not null,
  day date not null,
  marks bigint not null default 1,
  primary key (customer_id, day)
);

create function revshare_mark_days() returns trigger language plpgsql as $$
begin
  insert into revshare_dirty_days (customer_id, day)
  select distinct customer_id, coalesce(period_end, (occurred_at at time zone 'UTC')::date)
  from changed
  where type in ('deposit', 'withdrawal', 'activity', 'chargeback', 'refund')
  order by 1, 2
  on conflict (customer_id, day) do update set marks = revshare_dirty_days.marks + 1;
  return null;
end $$;
create trigger events_revshare_insert after insert on events
  referencing new table as changed for each statement execute function revshare_mark_days();
create trigger events_revshare_update after update on events
  referencing new table as changed for each statement execute function revshare_mark_days();

-- A finalized period's result per affiliate, plan version and currency: the projection of the
-- latest finalization (its commissions are the immutable record), read for the next period's
-- carry-in. carry_out is what this row passes on (0 or negative).
create table revshare_settlements (
  affiliate_id integer not null references affiliates (id),
  brand_id integer not null references brands (id),
  plan_id integer not null references commission_plans (id),
  plan_version_id integer not null references commission_plan_versions (id),
  currency text not null references currencies (code),
  period_start date not null,
  period_end date not null,
  basis_amount numeric not null,
  net_pl bigint not null,
  raw bigint not null,
  carry_in bigint not null,
  carry_out bigint not null,
  amount bigint not null,
  updated_at timestamptz not null default now(),
  primary key (affiliate_id, plan_id, currency, period_start, plan_version_id),
  check (period_end >= period_start)
);
