-- Report rollups (src/core/reports): sums of clicks, events and commissions kept by statement
-- triggers in the transaction that writes the raw rows, so a report read after a commit sees
-- every row of it, late events included, and a rolled-back write leaves no trace. Two grains:
-- hours with country and device (any time zone, country and device reports) and UTC days
-- without them (few rows whatever the traffic: the day, month and year reports read these).
-- Sub-ids, coupon codes and anything else not here are read from the raw tables.

-- Half to even, as applyRate (src/core/reference/convert-amount.ts) rounds a conversion.
create function report_round_half_even(v numeric) returns numeric
language sql immutable parallel safe as $$
  select case when abs(v - trunc(v)) = 0.5 then 2 * round(v / 2) else round(v) end
$$;

create table report_click_hours (
  hour timestamptz not null,
  brand_id integer not null,
  affiliate_id integer not null,
  campaign_id integer not null,
  promo_id integer not null,
  landing_id integer not null,
  country text,
  device text,
  clicks bigint not null default 0,
  unique_clicks bigint not null default 0,
  unique nulls not distinct (hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id)
);
create index report_click_hours_affiliate_idx on report_click_hours (affiliate_id, hour);

create table report_click_days (
  day date not null,
  brand_id integer not null,
  affiliate_id integer not null,
  campaign_id integer not null,
  promo_id integer not null,
  landing_id integer not null,
  clicks bigint not null default 0,
  unique_clicks bigint not null default 0,
  unique (day, promo_id, landing_id, brand_id, affiliate_id, campaign_id)
);
create index report_click_days_affiliate_idx on report_click_days (affiliate_id, day);

-- Events: counts and money per currency (null for registrations and qualifications). Activity
-- lines add bets, wins, bonuses and chargebacks under their event's attribution and time.
create table report_event_hours (
  hour timestamptz not null,
  brand_id integer not null,
  affiliate_id integer,
  campaign_id integer,
  promo_id integer,
  country text,
  currency text,
  registrations bigint not null default 0,
  qualified_leads bigint not null default 0,
  ftd_count bigint not null default 0,
  ftd_amount bigint not null default 0,
  deposit_count bigint not null default 0,
  deposit_amount bigint not null default 0,
  withdrawal_amount bigint not null default 0,
  chargebacks bigint not null default 0,
  bets bigint not null default 0,
  wins bigint not null default 0,
  bonuses bigint not null default 0,
  unique nulls not distinct (hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency)
);
create index report_event_hours_affiliate_idx on report_event_hours (affiliate_id, hour);

create table report_event_days (
  day date not null,
  brand_id integer not null,
  affiliate_id integer,
  campaign_id integer,
  promo_id integer,
  currency text,
  registrations bigint not null default 0,
  qualified_leads bigint not null default 0,
  ftd_count bigint not null default 0,
  ftd_amount bigint not null default 0,
  deposit_count bigint not null default 0,
  deposit_amount bigint not null default 0,
  withdrawal_amount bigint not null default 0,
  chargebacks bigint not null default 0,
  bets bigint not null default 0,
  wins bigint not null default 0,
  bonuses bigint not null default 0,
  unique nulls not distinct (day, brand_id, affiliate_id, campaign_id, promo_id, currency)
);
create index report_event_days_affiliate_idx on report_event_days (affiliate_id, day);

-- Commissions not rejected, by the time earned; a status change to or from rejected moves them.
create table report_commission_hours (
  hour timestamptz not null,
  brand_id integer not null,
  affiliate_id integer not null,
  campaign_id integer,
  promo_id integer,
  plan_id integer,
  country text,
  currency text not null,
  cpl bigint not null default 0,
  cpa bigint not null default 0,
  revshare bigint not null default 0,
  sub_affiliate bigint not null default 0,
  total bigint not null default 0,
  qualified_cpa_count bigint not null default 0,
  unique nulls not distinct (hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency)
);
create index report_commission_hours_affiliate_idx on report_commission_hours (affiliate_id, hour);

create table report_commission_days (
  day date not null,
  brand_id integer not null,
  affiliate_id integer not null,
  campaign_id integer,
  promo_id integer,
  plan_id integer,
  currency text not null,
  cpl bigint not null default 0,
  cpa bigint not null default 0,
  revshare bigint not null default 0,
  sub_affiliate bigint not null default 0,
  total bigint not null default 0,
  qualified_cpa_count bigint not null default 0,
  unique nulls not distinct (day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency)
);
create index report_commission_days_affiliate_idx on report_commission_days (affiliate_id, day);

-- Transition tables are seen only by the trigger function's own statements, so helpers return
-- the SQL text and the trigger function executes it.
-- Clicks are only ever inserted (COPY or INSERT; a retried batch's duplicates are skipped and
-- so absent from the transition table). Rows are upserted in key order, so concurrent writers
-- lock them in the same order.
create function report_click_sql(rel text) returns text language sql immutable as $$
  select format($q$
  with d as (
    select date_trunc('hour', clicked_at, 'UTC') as hour, brand_id, affiliate_id, campaign_id,
      promo_id, destination_link_id as landing_id, country, device_type as device,
      count(*) as clicks, count(*) filter (where is_unique) as unique_clicks
    from %s group by 1, 2, 3, 4, 5, 6, 7, 8
  ), h as (
    insert into report_click_hours as t
      (hour, brand_id, affiliate_id, campaign_id, promo_id, landing_id, country, device, clicks, unique_clicks)
    select * from d order by hour, promo_id, landing_id, country, device
    on conflict (hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id) do update
    set clicks = t.clicks + excluded.clicks, unique_clicks = t.unique_clicks + excluded.unique_clicks
  )
  insert into report_click_days as t
    (day, brand_id, affiliate_id, campaign_id, promo_id, landing_id, clicks, unique_clicks)
  select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, landing_id,
    sum(clicks), sum(unique_clicks)
  from d group by 1, 2, 3, 4, 5, 6 order by 1, 5, 6, 2, 3, 4
  on conflict (day, promo_id, landing_id, brand_id, affiliate_id, campaign_id) do update
  set clicks = t.clicks + excluded.clicks, unique_clicks = t.unique_clicks + excluded.unique_clicks
  $q$, rel)
$$;
create function report_clicks_added() returns trigger language plpgsql as $$
begin
  execute report_click_sql('added');
  return null;
end $$;
create trigger clicks_report_insert after insert on clicks
  referencing new table as added for each statement execute function report_clicks_added();

-- The statement adding signed event facts (the query `src`: sign, at, brand_id, affiliate_id, campaign_id,
-- promo_id, country, currency and the sums) to both event rollups.
create function report_event_sql(src text) returns text language sql immutable as $$
  select format($q$
    with f as (%s), d as (
      select date_trunc('hour', at, 'UTC') as hour, brand_id, affiliate_id, campaign_id, promo_id,
        country, currency,
        sum(sign * registrations) as registrations, sum(sign * qualified_leads) as qualified_leads,
        sum(sign * ftd_count) as ftd_count, sum(sign * ftd_amount) as ftd_amount,
        sum(sign * deposit_count) as deposit_count, sum(sign * deposit_amount) as deposit_amount,
        sum(sign * withdrawal_amount) as withdrawal_amount, sum(sign * chargebacks) as chargebacks,
        sum(sign * bets) as bets, sum(sign * wins) as wins, sum(sign * bonuses) as bonuses
      from f group by 1, 2, 3, 4, 5, 6, 7
    ), h as (
      insert into report_event_hours as t
      select * from d order by 1, 2, 3, 4, 5, 6, 7
      on conflict (hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency) do update set
        registrations = t.registrations + excluded.registrations,
        qualified_leads = t.qualified_leads + excluded.qualified_leads,
        ftd_count = t.ftd_count + excluded.ftd_count, ftd_amount = t.ftd_amount + excluded.ftd_amount,
        deposit_count = t.deposit_count + excluded.deposit_count,
        deposit_amount = t.deposit_amount + excluded.deposit_amount,
        withdrawal_amount = t.withdrawal_amount + excluded.withdrawal_amount,
        chargebacks = t.chargebacks + excluded.chargebacks,
        bets = t.bets + excluded.bets, wins = t.wins + excluded.wins, bonuses = t.bonuses + excluded.bonuses
    )
    insert into report_event_days as t
    select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, currency,
      sum(registrations), sum(qualified_leads), sum(ftd_count), sum(ftd_amount), sum(deposit_count),
      sum(deposit_amount), sum(withdrawal_amount), sum(chargebacks), sum(bets), sum(wins), sum(bonuses)
    from d group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (day, brand_id, affiliate_id, campaign_id, promo_id, currency) do update set
      registrations = t.registrations + excluded.registrations,
      qualified_leads = t.qualified_leads + excluded.qualified_leads,
      ftd_count = t.ftd_count + excluded.ftd_count, ftd_amount = t.ftd_amount + excluded.ftd_amount,
      deposit_count = t.deposit_count + excluded.deposit_count,
      deposit_amount = t.deposit_amount + excluded.deposit_amount,
      withdrawal_amount = t.withdrawal_amount + excluded.withdrawal_amount,
      chargebacks = t.chargebacks + excluded.chargebacks,
      bets = t.bets + excluded.bets, wins = t.wins + excluded.wins, bonuses = t.bonuses + excluded.bonuses
  $q$, src)
$$;

-- One event's own facts, and the facts of its activity lines, from a relation of events rows.
create function report_event_facts(rel text, sign integer) returns text language sql immutable as $$
  select format($q$
    select %2$s as sign, e.occurred_at as at, e.brand_id, e.affiliate_id, e.campaign_id, e.promo_id,
      coalesce(e.country, c.country) as country, e.currency,
      (e.type = 'registration')::int as registrations, (e.type = 'qualification')::int as qualified_leads,
      e.is_ftd::int as ftd_count, case when e.is_ftd then coalesce(e.amount, 0) else 0 end as ftd_amount,
      (e.type = 'deposit')::int as deposit_count,
      case when e.type = 'deposit' then coalesce(e.amount, 0) else 0 end as deposit_amount,
      case when e.type = 'withdrawal' then coalesce(e.amount, 0) else 0 end as withdrawal_amount,
      case when e.type = 'chargeback' then coalesce(e.amount, 0) else 0 end as chargebacks,
      0 as bets, 0 as wins, 0 as bonuses
    from %1$s e join customers c on c.id = e.customer_id
    union all
    select %2$s, e.occurred_at, e.brand_id, e.affiliate_id, e.campaign_id, e.promo_id,
      coalesce(e.country, c.country), l.currency, 0, 0, 0, 0, 0, 0, 0, l.chargebacks, l.bets, l.wins, l.bonuses
    from %1$s e join customers c on c.id = e.customer_id join activity_lines l on l.event_id = e.id
  $q$, rel, sign)
$$;

-- Events are inserted (their activity lines after them, in another statement) and updated only
-- when an unattributed event is given its owner: the old attribution's facts are taken away.
create function report_events_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    execute report_event_sql(report_event_facts('added', 1));
  else
    execute report_event_sql(
      report_event_facts('removed', -1) || ' union all ' || report_event_facts('added', 1));
  end if;
  return null;
end $$;
create trigger events_report_insert after insert on events
  referencing new table as added for each statement execute function report_events_changed();
create trigger events_report_update after update on events
  referencing old table as removed new table as added for each statement execute function report_events_changed();

create function report_activity_lines_added() returns trigger language plpgsql as $$
begin
  execute report_event_sql($q$
    select 1 as sign, e.occurred_at as at, e.brand_id, e.affiliate_id, e.campaign_id, e.promo_id,
      coalesce(e.country, c.country) as country, l.currency,
      0 as registrations, 0 as qualified_leads, 0 as ftd_count, 0 as ftd_amount, 0 as deposit_count,
      0 as deposit_amount, 0 as withdrawal_amount, l.chargebacks, l.bets, l.wins, l.bonuses
    from added l join events e on e.id = l.event_id join customers c on c.id = e.customer_id
  $q$);
  return null;
end $$;
create trigger activity_lines_report_insert after insert on activity_lines
  referencing new table as added for each statement execute function report_activity_lines_added();

-- Commission facts of a relation of commissions rows, rejected ones left out.
create function report_commission_facts(rel text, sign integer) returns text language sql immutable as $$
  select format($q$
    select %2$s as sign, m.earned_at as at, m.brand_id, m.affiliate_id, m.campaign_id, m.promo_id,
      m.plan_id, cu.country, m.currency,
      case when m.kind = 'cpl' then m.amount else 0 end as cpl,
      case when m.kind = 'cpa' then m.amount else 0 end as cpa,
      case when m.kind = 'revshare' then m.amount else 0 end as revshare,
      case when m.kind in ('sub_cpa', 'sub_revshare', 'sub_net_pl') then m.amount else 0 end as sub_affiliate,
      m.amount as total,
      (m.kind = 'cpa' and m.source_key like 'cpa:%%' and m.reverses_id is null)::int as qualified_cpa_count
    from %1$s m left join customers cu on cu.id = m.customer_id
    where m.status <> 'rejected'
  $q$, rel, sign)
$$;

create function report_commission_sql(src text) returns text language sql immutable as $$
  select format($q$
    with f as (%s), d as (
      select date_trunc('hour', at, 'UTC') as hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id,
        country, currency, sum(sign * cpl) as cpl, sum(sign * cpa) as cpa, sum(sign * revshare) as revshare,
        sum(sign * sub_affiliate) as sub_affiliate, sum(sign * total) as total,
        sum(sign * qualified_cpa_count) as qualified_cpa_count
      from f group by 1, 2, 3, 4, 5, 6, 7, 8
    ), h as (
      insert into report_commission_hours as t
      select * from d order by 1, 2, 3, 4, 5, 6, 7, 8
      on conflict (hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency) do update set
        cpl = t.cpl + excluded.cpl, cpa = t.cpa + excluded.cpa, revshare = t.revshare + excluded.revshare,
        sub_affiliate = t.sub_affiliate + excluded.sub_affiliate, total = t.total + excluded.total,
        qualified_cpa_count = t.qualified_cpa_count + excluded.qualified_cpa_count
    )
    insert into report_commission_days as t
    select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency,
      sum(cpl), sum(cpa), sum(revshare), sum(sub_affiliate), sum(total), sum(qualified_cpa_count)
    from d group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency) do update set
      cpl = t.cpl + excluded.cpl, cpa = t.cpa + excluded.cpa, revshare = t.revshare + excluded.revshare,
      sub_affiliate = t.sub_affiliate + excluded.sub_affiliate, total = t.total + excluded.total,
      qualified_cpa_count = t.qualified_cpa_count + excluded.qualified_cpa_count
  $q$, src)
$$;

create function report_commissions_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    execute report_commission_sql(report_commission_facts('added', 1));
  else
    execute report_commission_sql(
      report_commission_facts('removed', -1) || ' union all ' || report_commission_facts('added', 1));
  end if;
  return null;
end $$;
create trigger commissions_report_insert after insert on commissions
  referencing new table as added for each statement execute function report_commissions_changed();
-- Only status may change (the commissions' own trigger refuses the rest).
create trigger commissions_report_update after update on commissions
  referencing old table as removed new table as added for each statement execute function report_commissions_changed();

-- What was stored before the rollups existed, added as one insert of each table would.
do $$
begin
  execute report_click_sql('clicks');
  execute report_event_sql(report_event_facts('events', 1));
  execute report_commission_sql(report_commission_facts('commissions', 1));
end $$;
