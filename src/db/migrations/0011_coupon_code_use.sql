-- Whether a coupon code was used: a decision bound a customer by it (the events it attributed carry
-- the same id). Coupon code lists show it, and a used code is disabled instead of deleted.
create index attribution_decisions_coupon_idx on attribution_decisions (coupon_code_id)
  where coupon_code_id is not null;
