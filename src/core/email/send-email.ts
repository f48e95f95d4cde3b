import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/index.ts';

/** A file of the data directory sent with the message (a requested report's XLSX). */
export interface EmailAttachment {
  filename: string;
  /** Relative to DATA_DIR. */
  file: string;
}

export interface EmailMessage {
  /** Which template made it: set_password, reset_password, unlock, sign_up_received, ... */
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}

export interface EmailSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where attachments are read from; a message with attachments needs it. */
  dataDir?: string;
}

/** Each attachment's full path and size; a path leaving the data directory is refused. */
async function resolveAttachments(settings: EmailSettings, attachments: EmailAttachment[]) {
  if (attachments.length === 0) return [];
  if (!settings.dataDir) throw new Error('attachments need the data directory');
  const root = path.resolve(settings.dataDir);
  return Promise.all(
    attachments.map(async (a) => {
      const full = path.resolve(root, a.file);
      if (!full.startsWith(`${root}${path.sep}`))
        throw new Error(`attachment ${a.file} is outside the data directory`);
      const { size } = await fs.stat(full);
      return { filename: a.filename, path: full, bytes: size };
    }),
  );
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export interface SendEmailOptions {
  db: Db;
  settings: EmailSettings;
  message: EmailMessage;
  /** The email.send job sending it: its tries share one row, and a finished one is not redone. */
  jobId?: string;
}

/**
 * Sends through SMTP when it is configured, otherwise keeps the message in the development
 * outbox. Either way a row records it; with SMTP its bodies are not kept, since they hold
 * one-time links. A mail server that refuses or is down marks the row failed and throws, so the
 * job that sends it tries again later (the action that asked for it has long committed).
 */
export async function sendEmail({ db, settings, message, jobId }: SendEmailOptions): Promise<void> {
  const viaSmtp = settings.smtpUrl !== undefined;
  const earlier = jobId
    ? await db
        .selectFrom('email_messages')
        .select(['id', 'status'])
        .where('job_id', '=', jobId)
        .executeTakeFirst()
    : undefined;
  if (earlier && earlier.status !== 'failed') return;
  const files = await resolveAttachments(settings, message.attachments ?? []);
  const id =
    earlier?.id ??
    (
      await db
        .insertInto('email_messages')
        .values({
          template: message.template,
          to_address: message.to,
          subject: message.subject,
          text_body: viaSmtp ? null : message.text,
          html_body: viaSmtp ? null : message.html,
          transport: viaSmtp ? 'smtp' : 'outbox',
          job_id: jobId ?? null,
          attachments: JSON.stringify(files.map((f) => ({ filename: f.filename, bytes: f.bytes }))),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  if (!settings.smtpUrl) return;
  try {
    await transportFor(settings.smtpUrl).sendMail({
      from: settings.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: files.map((f) => ({ filename: f.filename, path: f.path })),
    });
  } catch (error) {
    await db
      .updateTable('email_messages')
      .set({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 1000) })
      .where('id', '=', id)
      .execute();
    throw error;
  }
  await db
    .updateTable('email_messages')
    .set({ status: 'sent', sent_at: new Date(), error: null })
    .where('id', '=', id)
    .execute();
}
