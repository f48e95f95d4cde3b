-- The engine writes hundreds of commission rows per event batch (a whole-period tier reached tops
-- up every earlier CPA of the month: 1,500 rows in one statement), and each foreign key is a
-- lookup plus a FOR KEY SHARE lock per row. Three of them guard parents that cannot go away: plan
-- versions, events and commissions refuse every delete (their append-only triggers), and the
-- engine names only rows it has just read or written in the same transaction. Their locks cost
-- most: the one plan version behind a batch is locked by every concurrent batch (a shared
-- multixact lock), and a top-up's FOR KEY SHARE on the CPA it names writes that older row's
-- header (a heap page dirtied and logged per top-up). On that 1,500-row statement the three took
-- 57 of its 222 ms (EXPLAIN ANALYZE). Kept: the affiliate and customer (parents that may change
-- or go) and reverses_id (null but for claw-backs, it costs nothing).
alter table commissions drop constraint commissions_plan_version_id_fkey;
alter table commissions drop constraint commissions_event_id_fkey;
alter table commissions drop constraint commissions_source_commission_id_fkey;
