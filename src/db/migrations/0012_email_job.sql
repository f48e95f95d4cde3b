-- An email is written by its email.send job; a retry (mail server down) or a re-run after a crash
-- finds the row its job already wrote instead of adding another.
alter table email_messages add column job_id text;
create unique index email_messages_job_idx on email_messages (job_id);
