import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import {
  checkFiles,
  type IncomingFile,
  insertFiles,
  requireText,
  throwProblems,
  writeFiles,
} from '../files.ts';
import { notifyAffiliate, notifyManager } from '../notify.ts';
import { type MessageSender, type MessageView, messageViews } from './message-view.ts';

/**
 * A message in the conversation between the operator and one affiliate, with up to 5 files. The
 * other side is emailed in the same transaction: the affiliate's owners when the operator writes,
 * the affiliate's account manager (when it has one) when the affiliate writes.
 */
export async function sendMessage(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  dataDir: string;
  publicUrl: string;
  affiliateId: number;
  sender: MessageSender;
  subject?: string;
  body?: string;
  files: IncomingFile[];
}): Promise<MessageView> {
  const problems: FieldError[] = [];
  const subject = requireText(problems, 'subject', options.subject, 200);
  const body = requireText(problems, 'body', options.body, 20_000);
  const files = checkFiles(options.files, problems);
  throwProblems(problems);
  const affiliate = await options.db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', options.affiliateId)
    .executeTakeFirst();
  if (!affiliate) throw AppError.notFound('affiliate');
  const written = await writeFiles(options.dataDir, files);
  try {
    return await inTransaction(options.db, async (trx) => {
      const row = await trx
        .insertInto('messages')
        .values({
          affiliate_id: affiliate.id,
          sender: options.sender,
          subject,
          body,
          ...actorColumns(options.actor),
          actor_name: options.actor.name.slice(0, 200),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertFiles(trx, { affiliateId: affiliate.id, messageId: row.id }, files, written.keys);
      await recordAffiliateEvent(trx, {
        affiliateId: affiliate.id,
        type: 'message_sent',
        actor: options.actor,
        data: { message_id: row.id, sender: options.sender, subject },
      });
      const preview = body.length > 300 ? `${body.slice(0, 300)}…` : body;
      if (options.sender === 'operator') {
        await notifyAffiliate(options.jobs, trx, affiliate.id, {
          template: 'message_received',
          subject: `New message: ${subject}`,
          paragraphs: [`${row.actor_name} wrote:`, preview],
          url: `${options.publicUrl}/portal/messages`,
          label: 'Read and answer',
        });
      } else {
        await notifyManager(options.jobs, trx, affiliate.id, {
          template: 'message_received',
          subject: `Message from affiliate ${affiliate.id}: ${subject}`,
          paragraphs: [`${row.actor_name} wrote:`, preview],
          url: `${options.publicUrl}/admin/affiliates/${affiliate.id}?tab=messages`,
          label: 'Read and answer',
        });
      }
      const [view] = await messageViews(trx, [row]);
      return view!;
    });
  } catch (error) {
    await written.remove();
    throw error;
  }
}
