-- Rollups without lock contention. Concurrent writers (event batches, click flushes) upserting
-- the same hour's or day's row queued on each other until commit (bench:events: waits of 200 ms
-- and more on report_event_days, several per batch). Now each write only appends its sums to a
-- `_pending` table (no unique key, so no row lock shared with anyone); the folded sums live in
-- `_folded`, and `report_<name>` is a view adding the two, so every report stays exact at any
-- moment. The `reports.fold` job (every minute, one at a time) moves the pending rows into the
-- folded ones in one transaction.

alter table report_click_hours rename to report_click_hours_folded;
create table report_click_hours_pending (like report_click_hours_folded including defaults);
create index report_click_hours_pending_idx on report_click_hours_pending (affiliate_id, hour);
create view report_click_hours as
  select hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id, clicks, unique_clicks from report_click_hours_folded
  union all
  select hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id, clicks, unique_clicks from report_click_hours_pending;

alter table report_click_days rename to report_click_days_folded;
create table report_click_days_pending (like report_click_days_folded including defaults);
create index report_click_days_pending_idx on report_click_days_pending (affiliate_id, day);
create view report_click_days as
  select day, promo_id, landing_id, brand_id, affiliate_id, campaign_id, clicks, unique_clicks from report_click_days_folded
  union all
  select day, promo_id, landing_id, brand_id, affiliate_id, campaign_id, clicks, unique_clicks from report_click_days_pending;

alter table report_event_hours rename to report_event_hours_folded;
create table report_event_hours_pending (like report_event_hours_folded including defaults);
create index report_event_hours_pending_idx on report_event_hours_pending (affiliate_id, hour);
create view report_event_hours as
  select hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses from report_event_hours_folded
  union all
  select hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses from report_event_hours_pending;

alter table report_event_days rename to report_event_days_folded;
create table report_event_days_pending (like report_event_days_folded including defaults);
create index report_event_days_pending_idx on report_event_days_pending (affiliate_id, day);
create view report_event_days as
  select day, brand_id, affiliate_id, campaign_id, promo_id, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses from report_event_days_folded
  union all
  select day, brand_id, affiliate_id, campaign_id, promo_id, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses from report_event_days_pending;

alter table report_commission_hours rename to report_commission_hours_folded;
create table report_commission_hours_pending (like report_commission_hours_folded including defaults);
create index report_commission_hours_pending_idx on report_commission_hours_pending (affiliate_id, hour);
create view report_commission_hours as
  select hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count from report_commission_hours_folded
  union all
  select hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count from report_commission_hours_pending;

alter table report_commission_days rename to report_commission_days_folded;
create table report_commission_days_pending (like report_commission_days_folded including defaults);
create index report_commission_days_pending_idx on report_commission_days_pending (affiliate_id, day);
create view report_commission_days as
  select day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count from report_commission_days_folded
  union all
  select day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count from report_commission_days_pending;

create or replace function report_click_sql(rel text) returns text language sql immutable as $$
  select format($q$
  with d as (
    select date_trunc('hour', clicked_at, 'UTC') as hour, brand_id, affiliate_id, campaign_id,
      promo_id, destination_link_id as landing_id, country, device_type as device,
      count(*) as clicks, count(*) filter (where is_unique) as unique_clicks
    from %s group by 1, 2, 3, 4, 5, 6, 7, 8
  ), h as (
    insert into report_click_hours_pending
      (hour, brand_id, affiliate_id, campaign_id, promo_id, landing_id, country, device, clicks, unique_clicks)
    select * from d order by hour, promo_id, landing_id, country, device
  )
  insert into report_click_days_pending
    (day, brand_id, affiliate_id, campaign_id, promo_id, landing_id, clicks, unique_clicks)
  select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, landing_id,
    sum(clicks), sum(unique_clicks)
  from d group by 1, 2, 3, 4, 5, 6 order by 1, 5, 6, 2, 3, 4
  $q$, rel)
$$;

create or replace function report_event_sql(src text) returns text language sql immutable as $$
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
      insert into report_event_hours_pending
      select * from d order by 1, 2, 3, 4, 5, 6, 7
    )
    insert into report_event_days_pending
    select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, currency,
      sum(registrations), sum(qualified_leads), sum(ftd_count), sum(ftd_amount), sum(deposit_count),
      sum(deposit_amount), sum(withdrawal_amount), sum(chargebacks), sum(bets), sum(wins), sum(bonuses)
    from d group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
  $q$, src)
$$;

create or replace function report_commission_sql(src text) returns text language sql immutable as $$
  select format($q$
    with f as (%s), d as (
      select date_trunc('hour', at, 'UTC') as hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id,
        country, currency, sum(sign * cpl) as cpl, sum(sign * cpa) as cpa, sum(sign * revshare) as revshare,
        sum(sign * sub_affiliate) as sub_affiliate, sum(sign * total) as total,
        sum(sign * qualified_cpa_count) as qualified_cpa_count
      from f group by 1, 2, 3, 4, 5, 6, 7, 8
    ), h as (
      insert into report_commission_hours_pending
      select * from d order by 1, 2, 3, 4, 5, 6, 7, 8
    )
    insert into report_commission_days_pending
    select (hour at time zone 'UTC')::date, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency,
      sum(cpl), sum(cpa), sum(revshare), sum(sub_affiliate), sum(total), sum(qualified_cpa_count)
    from d group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
  $q$, src)
$$;

-- Moves every pending sum into the folded rows; at most one fold at a time (another returns at
-- once). Rows a still-open transaction is adding are not visible to the delete: the next fold
-- takes them.
create function report_fold() returns void language plpgsql as $$
begin
  if not pg_try_advisory_xact_lock(hashtextextended('reports:fold', 0)) then
    return;
  end if;
  with d as (delete from report_click_hours_pending returning *)
  insert into report_click_hours_folded as t (hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id, clicks, unique_clicks)
  select hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id, sum(clicks), sum(unique_clicks) from d group by hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id
  on conflict (hour, promo_id, landing_id, country, device, brand_id, affiliate_id, campaign_id) do update set clicks = t.clicks + excluded.clicks, unique_clicks = t.unique_clicks + excluded.unique_clicks;
  with d as (delete from report_click_days_pending returning *)
  insert into report_click_days_folded as t (day, promo_id, landing_id, brand_id, affiliate_id, campaign_id, clicks, unique_clicks)
  select day, promo_id, landing_id, brand_id, affiliate_id, campaign_id, sum(clicks), sum(unique_clicks) from d group by day, promo_id, landing_id, brand_id, affiliate_id, campaign_id
  on conflict (day, promo_id, landing_id, brand_id, affiliate_id, campaign_id) do update set clicks = t.clicks + excluded.clicks, unique_clicks = t.unique_clicks + excluded.unique_clicks;
  with d as (delete from report_event_hours_pending returning *)
  insert into report_event_hours_folded as t (hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses)
  select hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency, sum(registrations), sum(qualified_leads), sum(ftd_count), sum(ftd_amount), sum(deposit_count), sum(deposit_amount), sum(withdrawal_amount), sum(chargebacks), sum(bets), sum(wins), sum(bonuses) from d group by hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency
  on conflict (hour, brand_id, affiliate_id, campaign_id, promo_id, country, currency) do update set registrations = t.registrations + excluded.registrations, qualified_leads = t.qualified_leads + excluded.qualified_leads, ftd_count = t.ftd_count + excluded.ftd_count, ftd_amount = t.ftd_amount + excluded.ftd_amount, deposit_count = t.deposit_count + excluded.deposit_count, deposit_amount = t.deposit_amount + excluded.deposit_amount, withdrawal_amount = t.withdrawal_amount + excluded.withdrawal_amount, chargebacks = t.chargebacks + excluded.chargebacks, bets = t.bets + excluded.bets, wins = t.wins + excluded.wins, bonuses = t.bonuses + excluded.bonuses;
  with d as (delete from report_event_days_pending returning *)
  insert into report_event_days_folded as t (day, brand_id, affiliate_id, campaign_id, promo_id, currency, registrations, qualified_leads, ftd_count, ftd_amount, deposit_count, deposit_amount, withdrawal_amount, chargebacks, bets, wins, bonuses)
  select day, brand_id, affiliate_id, campaign_id, promo_id, currency, sum(registrations), sum(qualified_leads), sum(ftd_count), sum(ftd_amount), sum(deposit_count), sum(deposit_amount), sum(withdrawal_amount), sum(chargebacks), sum(bets), sum(wins), sum(bonuses) from d group by day, brand_id, affiliate_id, campaign_id, promo_id, currency
  on conflict (day, brand_id, affiliate_id, campaign_id, promo_id, currency) do update set registrations = t.registrations + excluded.registrations, qualified_leads = t.qualified_leads + excluded.qualified_leads, ftd_count = t.ftd_count + excluded.ftd_count, ftd_amount = t.ftd_amount + excluded.ftd_amount, deposit_count = t.deposit_count + excluded.deposit_count, deposit_amount = t.deposit_amount + excluded.deposit_amount, withdrawal_amount = t.withdrawal_amount + excluded.withdrawal_amount, chargebacks = t.chargebacks + excluded.chargebacks, bets = t.bets + excluded.bets, wins = t.wins + excluded.wins, bonuses = t.bonuses + excluded.bonuses;
  with d as (delete from report_commission_hours_pending returning *)
  insert into report_commission_hours_folded as t (hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count)
  select hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency, sum(cpl), sum(cpa), sum(revshare), sum(sub_affiliate), sum(total), sum(qualified_cpa_count) from d group by hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency
  on conflict (hour, brand_id, affiliate_id, campaign_id, promo_id, plan_id, country, currency) do update set cpl = t.cpl + excluded.cpl, cpa = t.cpa + excluded.cpa, revshare = t.revshare + excluded.revshare, sub_affiliate = t.sub_affiliate + excluded.sub_affiliate, total = t.total + excluded.total, qualified_cpa_count = t.qualified_cpa_count + excluded.qualified_cpa_count;
  with d as (delete from report_commission_days_pending returning *)
  insert into report_commission_days_folded as t (day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency, cpl, cpa, revshare, sub_affiliate, total, qualified_cpa_count)
  select day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency, sum(cpl), sum(cpa), sum(revshare), sum(sub_affiliate), sum(total), sum(qualified_cpa_count) from d group by day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency
  on conflict (day, brand_id, affiliate_id, campaign_id, promo_id, plan_id, currency) do update set cpl = t.cpl + excluded.cpl, cpa = t.cpa + excluded.cpa, revshare = t.revshare + excluded.revshare, sub_affiliate = t.sub_affiliate + excluded.sub_affiliate, total = t.total + excluded.total, qualified_cpa_count = t.qualified_cpa_count + excluded.qualified_cpa_count;
end $$;

-- An inserted event has no activity lines yet (they reference it, and come in a later statement
-- with their own trigger): its own facts only, without probing activity_lines for every event.
create function report_event_own_facts(rel text, sign integer) returns text language sql immutable as $$
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
  $q$, rel, sign)
$$;
create or replace function report_events_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    execute report_event_sql(report_event_own_facts('added', 1));
  else
    execute report_event_sql(
      report_event_facts('removed', -1) || ' union all ' || report_event_facts('added', 1));
  end if;
  return null;
end $$;

-- A commission's sums change only when it becomes rejected or stops being so: approvals, billing
-- and payment move no sum, so they add no pending rows (a bill's approval updates thousands).
create or replace function report_commissions_changed() returns trigger language plpgsql as $$
declare
  moved text := '(select %s.* from removed r join added a on a.id = r.id
    where (r.status = ''rejected'') <> (a.status = ''rejected''))';
begin
  if tg_op = 'INSERT' then
    execute report_commission_sql(report_commission_facts('added', 1));
  else
    execute report_commission_sql(
      report_commission_facts(format(moved, 'r'), -1) || ' union all ' ||
      report_commission_facts(format(moved, 'a'), 1));
  end if;
  return null;
end $$;
