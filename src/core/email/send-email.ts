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

/**
 * Sends through SMTP when it is configured, otherwise keeps the message in the development
 * outbox. Either way a row records it; with SMTP its bodies are not kept, since they hold
 * one-time links. Call it after the transaction that made the link has committed.
 */
export async function sendEmail(db: Db, settings: EmailSettings, message: EmailMessage): Promise<void> {
  const viaSmtp = settings.smtpUrl !== undefined;
  const row = await db
    .insertInto('email_messages')
    .values({
      template: message.template,
      to_address: message.to,
      subject: message.subject,
      text_body: viaSmtp ? null : message.text,
      html_body: viaSmtp ? null : message.html,
      transport: viaSmtp ? 'smtp' : 'outbox',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!settings.smtpUrl) return;
  try {
    await transportFor(settings.smtpUrl).sendMail({
      from: settings.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    await db
      .updateTable('email_messages')
      .set({ status: 'sent', sent_at: new Date() })
      .where('id', '=', row.id)
      .execute();
  } catch (error) {
    // A mail server being down must not fail the action that asked for the message.
    await db
      .updateTable('email_messages')
      .set({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 1000) })
      .where('id', '=', row.id)
      .execute();
  }
}
