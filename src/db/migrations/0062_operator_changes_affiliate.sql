-- A change to an affiliate that a compatibility API refused on purpose (Smartico's move back to
-- Pending) is in the audit log: the affiliate history holds only changes that happened.
alter table operator_changes drop constraint operator_changes_entity_check;
alter table operator_changes add constraint operator_changes_entity_check check (entity in ('api_key',
  'staff_user', 'currency', 'exchange_rates', 'managed_list_entry', 'custom_tag', 'custom_tag_value',
  'history_signing_key', 'affiliate'));
