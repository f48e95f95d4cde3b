-- A CPA's tier is its position among the CPAs its affiliate earned under the plan in the calendar
-- month (UTC): the engine counted those commissions in every batch that earned a tiered CPA, a
-- count that grows through the month (16 affiliates with 1,150 CPAs each: 18,000 rows, 30 to
-- 55 ms per batch). Instead each insert of commissions appends how many base CPAs (not top-ups)
-- it wrote per affiliate, plan and month, and the engine sums those few rows. Append-only like
-- commissions themselves (which are never deleted and whose kind, plan and date never change),
-- so the sum is the count; no row is updated, so concurrent batches never wait on one another
-- here (the tier lock in cpa.ts orders those of one affiliate).
create table cpa_month_counts (
  affiliate_id integer not null,
  plan_id integer not null,
  -- YYYY-MM of earned_at in UTC.
  month text not null,
  n integer not null check (n > 0)
);
create index cpa_month_counts_idx on cpa_month_counts (affiliate_id, plan_id, month);
create trigger cpa_month_counts_append_only before update or delete on cpa_month_counts
  for each row execute function refuse_change();

insert into cpa_month_counts (affiliate_id, plan_id, month, n)
  select affiliate_id, plan_id, to_char(earned_at at time zone 'UTC', 'YYYY-MM'), count(*)
  from commissions
  where kind = 'cpa' and source_commission_id is null and plan_id is not null
  group by 1, 2, 3;

create function count_cpa_months() returns trigger language plpgsql as $$
begin
  insert into cpa_month_counts (affiliate_id, plan_id, month, n)
    select affiliate_id, plan_id, to_char(earned_at at time zone 'UTC', 'YYYY-MM'), count(*)
    from new_rows
    where kind = 'cpa' and source_commission_id is null and plan_id is not null
    group by 1, 2, 3;
  return null;
end $$;
create trigger commissions_cpa_month_counts after insert on commissions
  referencing new table as new_rows for each statement execute function count_cpa_months();
