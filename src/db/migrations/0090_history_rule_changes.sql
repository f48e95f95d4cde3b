-- Operator transparency (issue "Verifiable history", item 5): a change of the rules that decide
-- what an affiliate earns is written to that affiliate's events log, with who made it and why, in
-- the change's own transaction, and its record joins the affiliate's hash chain. Plan versions and
-- assignments, holds and releases and bill corrections are logged here, by the triggers that
-- already queue their chain records (a brand default reaches every affiliate, a fraud hold is
-- written in bulk by ingest), so every way of making the change leaves the same trace; an
-- operator's (re-)attribution is logged by attribute-customer.ts, which has the masked customer.
--
-- Brand-level rules (a brand's default plan, the versions of a plan that is one) reach every
-- admitted affiliate: they are fanned out into each such affiliate's own chain (and log), so an
-- affiliate's chain alone shows every rule it was paid under and verification stays
-- per-affiliate. An affiliate admitted later gets the brand rules then in force (and scheduled)
-- linked when it is admitted.

-- Rule records carry every actor type; the log took only four.
alter table affiliate_events drop constraint affiliate_events_actor_type_check;
alter table affiliate_events add constraint affiliate_events_actor_type_check
  check (actor_type in ('affiliate_user', 'affiliate_api_key', 'staff', 'api_key', 'system', 'cli'));

-- Affiliates brand-level rules reach: every one past its application.
create function history_admitted_affiliates() returns setof integer language sql stable as $$
  select id from affiliates where status not in ('pending', 'declined') order by id
$$;

-- Queues (affiliate, kind, ref) records not already linked or queued. The chainer also skips a
-- record already linked (two transactions may each queue it), so this only keeps the queue short.
create function chain_enqueue(p_kind text, p_refs bigint[], p_affiliates integer[]) returns void
language sql as $$
  insert into chain_queue (affiliate_id, kind, ref_id)
    select x.affiliate_id, p_kind, x.ref_id
    from unnest(p_refs, p_affiliates) with ordinality as x(ref_id, affiliate_id, n)
    where x.affiliate_id is not null
      and not exists (select 1 from chain_links l
        where l.affiliate_id = x.affiliate_id and l.kind = p_kind and l.ref_id = x.ref_id)
      and not exists (select 1 from chain_queue q
        where q.affiliate_id = x.affiliate_id and q.kind = p_kind and q.ref_id = x.ref_id)
    order by x.n
$$;

-- The affiliates a plan's rules reach, and how: a private plan's members, the affiliates and
-- campaigns it is assigned to, and, for a brand default (now or once), every admitted affiliate.
create function history_plan_reach(p_plans integer[])
returns table (plan_id integer, affiliate_id integer, via text) language sql stable as $$
  select distinct on (r.plan_id, r.affiliate_id) r.plan_id, r.affiliate_id, r.via from (
    select m.plan_id, m.affiliate_id, 'private plan' as via, 1 as rank
      from commission_plan_affiliates m where m.plan_id = any(p_plans)
    union all
    select a.plan_id, coalesce(a.affiliate_id, c.affiliate_id), a.target, 2
      from commission_plan_assignments a left join campaigns c on c.id = a.campaign_id
      where a.plan_id = any(p_plans) and a.target <> 'brand'
    union all
    select a.plan_id, f.id, 'brand', 3
      from (select distinct plan_id from commission_plan_assignments
        where plan_id = any(p_plans) and target = 'brand') a
      cross join history_admitted_affiliates() as f(id)
  ) r where r.affiliate_id is not null order by r.plan_id, r.affiliate_id, r.rank
$$;

-- A plan's versions in force now and those scheduled after it: what an assignment brings.
create function history_current_versions(p_plans integer[])
returns table (plan_id integer, version_id integer) language sql stable as $$
  select v.plan_id, v.id from commission_plan_versions v
  where v.plan_id = any(p_plans) and v.effective_from >= coalesce((select max(w.effective_from)
    from commission_plan_versions w where w.plan_id = v.plan_id and w.effective_from <= now()), '-infinity')
  order by v.id
$$;

create or replace function chain_plan_versions() returns trigger language plpgsql as $$
begin
  perform chain_enqueue('plan_version', array_agg(x.id::bigint order by x.id, x.affiliate_id),
    array_agg(x.affiliate_id order by x.id, x.affiliate_id))
  from (select n.id, r.affiliate_id from new_rows n
    join history_plan_reach(array(select plan_id from new_rows)) r on r.plan_id = n.plan_id) x;

  insert into affiliate_events (affiliate_id, type, actor_type, actor_id, actor_name, data)
    select r.affiliate_id, 'plan_version_published', n.actor_type, n.actor_id, n.actor_name,
      jsonb_build_object('plan_id', n.plan_id, 'plan_name', p.name, 'brand_id', p.brand_id,
        'version', n.version, 'effective_from', n.effective_from, 'via', r.via, 'reason', n.note,
        'chain', jsonb_build_object('kind', 'plan_version', 'ref_id', n.id::text))
    from new_rows n join commission_plans p on p.id = n.plan_id
    join history_plan_reach(array(select plan_id from new_rows)) r on r.plan_id = n.plan_id
    order by n.id, r.affiliate_id;
  return null;
end $$;

create or replace function chain_plan_assignments() returns trigger language plpgsql as $$
declare
  -- Who each new assignment reaches: its affiliate (or campaign's), or every admitted one.
  ids bigint[];
  plans integer[];
  affs integer[];
begin
  select array_agg(r.id order by r.id, r.affiliate_id), array_agg(r.plan_id order by r.id, r.affiliate_id),
      array_agg(r.affiliate_id order by r.id, r.affiliate_id)
    into ids, plans, affs
  from (
    select n.id, n.plan_id, coalesce(n.affiliate_id, c.affiliate_id) as affiliate_id
      from new_rows n left join campaigns c on c.id = n.campaign_id where n.target <> 'brand'
    union all
    select n.id, n.plan_id, f.id from new_rows n cross join history_admitted_affiliates() as f(id)
      where n.target = 'brand'
  ) r where r.affiliate_id is not null;
  if ids is null then return null; end if;

  perform chain_enqueue('plan_assignment', ids, affs);
  -- The plan it gives as it is in force (its versions were published before it was assigned).
  perform chain_enqueue('plan_version', array_agg(v.version_id::bigint order by v.version_id, r.affiliate_id),
    array_agg(r.affiliate_id order by v.version_id, r.affiliate_id))
  from unnest(plans, affs) as r(plan_id, affiliate_id)
  join history_current_versions(array(select distinct x from unnest(plans) as x where x is not null)) v
    on v.plan_id = r.plan_id;

  insert into affiliate_events (affiliate_id, type, actor_type, actor_id, actor_name, data)
    select r.affiliate_id, case when n.plan_id is null then 'plan_ended' else 'plan_assigned' end,
      n.actor_type, n.actor_id, n.actor_name,
      jsonb_build_object('target', n.target, 'brand_id', n.brand_id, 'campaign_id', n.campaign_id,
        'plan_id', n.plan_id, 'plan_name', p.name, 'effective_from', n.effective_from, 'reason', n.reason,
        'chain', jsonb_build_object('kind', 'plan_assignment', 'ref_id', n.id::text))
    from unnest(ids, affs) with ordinality as r(assignment_id, affiliate_id, k)
    join new_rows n on n.id = r.assignment_id
    left join commission_plans p on p.id = n.plan_id
    order by r.k;
  return null;
end $$;

-- An affiliate admitted after a brand's rules were set gets them in its chain as it is admitted.
create function chain_admitted_affiliate() returns trigger language plpgsql as $$
begin
  perform chain_enqueue('plan_assignment', array_agg(a.id order by a.id), array_agg(new.id))
  from commission_plan_assignments a
  where a.target = 'brand' and a.effective_from >= coalesce((select max(b.effective_from)
    from commission_plan_assignments b where b.brand_id = a.brand_id and b.target = 'brand'
      and b.effective_from <= now()), '-infinity');
  perform chain_enqueue('plan_version', array_agg(v.version_id::bigint order by v.version_id), array_agg(new.id))
  from history_current_versions(array(
    select distinct a.plan_id from commission_plan_assignments a
    where a.target = 'brand' and a.plan_id is not null and a.effective_from >= coalesce((select max(b.effective_from)
      from commission_plan_assignments b where b.brand_id = a.brand_id and b.target = 'brand'
        and b.effective_from <= now()), '-infinity'))) v;
  return null;
end $$;
create trigger chain_admitted_affiliate after update of status on affiliates
  for each row when (old.status in ('pending', 'declined') and new.status not in ('pending', 'declined'))
  execute function chain_admitted_affiliate();

-- A hold (a fraud rule's or an operator's) and its release: one event per affiliate, reason and
-- outcome of the statement, naming the commissions (each status change is in the chain).
create function log_commission_holds() returns trigger language plpgsql as $$
begin
  insert into affiliate_events (affiliate_id, type, actor_type, actor_id, actor_name, data)
    select c.affiliate_id,
      case when n.to_status = 'on_hold' then 'commissions_held' else 'commissions_released' end,
      n.actor_type, n.actor_id, n.actor_name,
      jsonb_build_object('to_status', n.to_status, 'reason', n.reason, 'count', count(*),
        'commission_ids', jsonb_agg(c.id::text order by c.id),
        'chain', jsonb_build_object('kind', 'commission_status',
          'ref_ids', jsonb_agg(n.id::text order by n.id)))
    from new_rows n join commissions c on c.id = n.commission_id
    where (n.to_status = 'on_hold') <> (n.from_status = 'on_hold')
    group by c.affiliate_id, n.to_status, n.reason, n.actor_type, n.actor_id, n.actor_name
    order by min(n.id);
  return null;
end $$;
create trigger log_commission_holds after insert on commission_status_changes
  referencing new table as new_rows for each statement execute function log_commission_holds();

create function log_bill_corrections() returns trigger language plpgsql as $$
begin
  insert into affiliate_events (affiliate_id, type, actor_type, actor_id, actor_name, data)
    select b.affiliate_id, 'bill_corrected', n.actor_type, n.actor_id, n.actor_name,
      jsonb_build_object('bill_id', n.bill_id, 'action', n.action, 'amount', n.amount::text,
        'currency', b.currency, 'after_approval', n.after_approval, 'reason', n.comment,
        'chain', jsonb_build_object('kind', 'bill_correction', 'ref_id', n.id::text))
    from new_rows n join bills b on b.id = n.bill_id order by n.id;
  return null;
end $$;
create trigger log_bill_corrections after insert on bill_corrections
  referencing new table as new_rows for each statement execute function log_bill_corrections();
