-- Click counts per hour, kept by the click writer in the transaction that writes the clicks
-- (src/core/clicks/clicks.ts). The numbers on the home pages, the affiliate page, destination
-- links, campaigns and promos read at most one row per hour and subject instead of scanning
-- clicks. Hours, not days, so "today" can start at midnight in the reader's time zone.
create table click_counts (
  -- What is counted: the whole platform (subject_id 0), or one affiliate, campaign, promo or
  -- destination link.
  subject text not null
    check (subject in ('platform', 'affiliate', 'campaign', 'promo', 'destination_link')),
  subject_id integer not null,
  -- The start of the hour (UTC) the clicks fell in.
  hour timestamptz not null,
  clicks bigint not null default 0,
  unique_clicks bigint not null default 0,
  bot_clicks bigint not null default 0,
  primary key (subject, subject_id, hour)
);

-- The clicks recorded before this table existed.
insert into click_counts (subject, subject_id, hour, clicks, unique_clicks, bot_clicks)
select s.subject, s.subject_id, date_trunc('hour', c.clicked_at, 'UTC'),
  count(*), count(*) filter (where c.is_unique), count(*) filter (where c.is_bot)
from clicks c
cross join lateral (
  values ('platform', 0), ('affiliate', c.affiliate_id), ('campaign', c.campaign_id),
    ('promo', c.promo_id), ('destination_link', c.destination_link_id)
) as s (subject, subject_id)
group by 1, 2, 3;
