-- Staff sign-in gets the lockout the portal has: failed attempts in a row lock the account until
-- an administrator or the emailed link unlocks it.
alter table staff_users
  add column failed_sign_in_count integer not null default 0,
  add column locked_at timestamptz;

-- Wrong two-factor and recovery codes in a row, counted across sign-in and every step-up check;
-- at TWO_FACTOR_LOCKOUT_ATTEMPTS the account is locked like after failed sign-ins.
alter table affiliate_users
  add column two_factor_failed_count integer not null default 0;

-- Notices to an address are spaced out (PASSWORD_RESET_COOLDOWN_SECONDS) by its latest message.
create index email_messages_to_idx on email_messages (to_address, created_at);
