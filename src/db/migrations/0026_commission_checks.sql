-- The engine writes hundreds of commission rows per event batch, and every foreign key is a
-- lookup plus a FOR KEY SHARE lock per row. Four of them repeat what the others already pin down:
-- a plan version belongs to one plan, brand and currency, and a cut's source affiliate is the
-- owner of its source commission (or of its customer). Their parents (the one brand, currency and
-- plan behind a whole batch) are also the rows every concurrent batch locks, which makes those
-- locks shared by several transactions (multixacts) and serialises ingestion. The remaining keys
-- (affiliate, plan version, customer, event, source and reversed commission) still tie each row
-- to what caused it.
alter table commissions drop constraint commissions_brand_id_fkey;
alter table commissions drop constraint commissions_currency_fkey;
alter table commissions drop constraint commissions_plan_id_fkey;
alter table commissions drop constraint commissions_source_affiliate_id_fkey;
