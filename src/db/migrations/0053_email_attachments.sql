-- Files attached to an email (a requested report's XLSX): each one's name and size as sent. The
-- files themselves stay where they are in the data directory.
alter table email_messages add column attachments jsonb not null default '[]';
