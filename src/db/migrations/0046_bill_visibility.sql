-- An operator shows a hidden bill to its affiliate, or hides one again: each change is appended
-- to the bill's history like a status change (from and to are the bill's unchanged status).
alter table bill_changes drop constraint bill_changes_action_check;
alter table bill_changes add constraint bill_changes_action_check
  check (action in ('issued', 'regenerated', 'held', 'released', 'approved', 'cancelled', 'paid', 'shown', 'hidden'));
