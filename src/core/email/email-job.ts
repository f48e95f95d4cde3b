import { Type } from 'typebox';
import type { Db } from '../../db/index.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import { unsubscribedFrom } from './email-categories.ts';
import { type EmailMessage, sendEmail } from './send-email.ts';

const text = (maxLength: number) => Type.String({ maxLength });

/**
 * An email as a job: enqueued in the transaction that created its link or decision, so it is sent
 * exactly when that change committed, after the commit, and again after a crash before sending.
 * The job carries the rendered message, so a template changed meanwhile cannot alter it.
 */
export const sendEmailJob = defineJob({
  name: 'email.send',
  payload: Type.Object(
    {
      template: text(100),
      to: text(320),
      subject: text(1000),
      text: text(100_000),
      html: text(200_000),
      attachments: Type.Optional(
        Type.Array(Type.Object({ filename: text(255), file: text(500) }, { additionalProperties: false }), {
          maxItems: 5,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  // A mail server down for a while: tries spread over about an hour and a half.
  retry: { limit: 8, delaySeconds: 30, backoff: true, maxDelaySeconds: 1800 },
  timeoutSeconds: 120,
  summarize: (data) => `${data.template} to ${data.to}`,
  async run(data, { db, config, job }) {
    if (await unsubscribedFrom(db, data.to, data.template)) return;
    await sendEmail({
      db,
      settings: {
        smtpUrl: config.identity.smtpUrl,
        mailFrom: config.identity.mailFrom,
        dataDir: config.dataDir,
      },
      message: data,
      jobId: job.id,
    });
  },
});

/** Enqueues `message` through `db`: inside the caller's transaction when it is one. */
export async function queueEmail(jobs: JobQueue, db: Db, message: EmailMessage): Promise<void> {
  await jobs.enqueue(db, { name: sendEmailJob.name, data: message });
}
