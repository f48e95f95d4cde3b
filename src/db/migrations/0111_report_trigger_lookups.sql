-- The report triggers of an event batch and of its commissions joined their rows to `customers`
-- for the customer's country. A transition table of a thousand rows against the whole customers
-- table is planned as a hash join: every batch read all customers (48,000 at the end of
-- bench:events, 160 ms of a 250 ms trigger under load, and growing with the table). The country
-- is now looked up per row by the primary key, and for an event only when it has none of its
-- own. Same facts: every event has its customer (customer_id is not null, a foreign key), and a
-- commission without a customer had a null country from the left join as it has from the lookup.
create or replace function report_event_own_facts(rel text, sign integer) returns text language sql immutable as $$
  select format($q$
    select %2$s as sign, e.occurred_at as at, e.brand_id, e.affiliate_id, e.campaign_id, e.promo_id,
      coalesce(e.country, (select c.country from customers c where c.id = e.customer_id)) as country, e.currency,
      (e.type = 'registration')::int as registrations, (e.type = 'qualification')::int as qualified_leads,
      e.is_ftd::int as ftd_count, case when e.is_ftd then coalesce(e.amount, 0) else 0 end as ftd_amount,
      (e.type = 'deposit')::int as deposit_count,
      case when e.type = 'deposit' then coalesce(e.amount, 0) else 0 end as deposit_amount,
      case when e.type = 'withdrawal' then coalesce(e.amount, 0) else 0 end as withdrawal_amount,
      case when e.type = 'chargeback' then coalesce(e.amount, 0) else 0 end as chargebacks,
      0 as bets, 0 as wins, 0 as bonuses
    from %1$s e
  $q$, rel, sign)
$$;

create or replace function report_commission_facts(rel text, sign integer) returns text language sql immutable as $$
  select format($q$
    select %2$s as sign, m.earned_at as at, m.brand_id, m.affiliate_id, m.campaign_id, m.promo_id,
      m.plan_id, (select cu.country from customers cu where cu.id = m.customer_id) as country, m.currency,
      case when m.kind = 'cpl' then m.amount else 0 end as cpl,
      case when m.kind = 'cpa' then m.amount else 0 end as cpa,
      case when m.kind = 'revshare' then m.amount else 0 end as revshare,
      case when m.kind in ('sub_cpa', 'sub_revshare', 'sub_net_pl') then m.amount else 0 end as sub_affiliate,
      m.amount as total,
      (m.kind = 'cpa' and m.source_key like 'cpa:%%' and m.reverses_id is null)::int as qualified_cpa_count
    from %1$s m
    where m.status <> 'rejected'
  $q$, rel, sign)
$$;
