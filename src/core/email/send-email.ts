import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/index.ts';

export interface EmailMessage {
  /** Which template made it: set_password, reset_password, unlock, sign_up_received, ... */
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
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
