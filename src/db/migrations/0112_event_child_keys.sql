-- An event batch writes its activity lines and attribution decisions right after its events, in
-- the same transaction, and each foreign key to events is a lookup plus a FOR KEY SHARE lock per
-- row: a lock on an event this transaction has just inserted still sets that row's header, a heap
-- page dirtied and a WAL record per line and per decision (150 lines and 380 decisions in every
-- 1,000-event batch of bench:events). As for commissions (migration 0080), the parent cannot go
-- away: events refuse every delete (events_guard), and their writers name only events written
-- in the same transaction (write-batch.ts) or none (an operator's attribution, event_id null).
-- Kept: the customer keys (a parent that may change or go) and the currency keys.
alter table activity_lines drop constraint activity_lines_event_id_fkey;
alter table attribution_decisions drop constraint attribution_decisions_event_id_fkey;
