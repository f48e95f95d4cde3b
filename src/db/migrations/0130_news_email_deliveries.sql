-- Which users a news item's fan-out has queued an email for: the fan-out job inserts a user here
-- in the transaction that queues their email, so a second run (a retry after a crash, a job
-- sent twice) queues nobody twice.
create table news_email_deliveries (
  news_item_id integer not null references news_items (id) on delete cascade,
  affiliate_user_id integer not null references affiliate_users (id) on delete cascade,
  queued_at timestamptz not null default now(),
  primary key (news_item_id, affiliate_user_id)
);
