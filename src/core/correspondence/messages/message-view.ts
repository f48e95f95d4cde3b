// @internal: messages as both APIs show them, with their files
import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { MessagesTable } from '../../../db/tables/correspondence.ts';
import { type FileView, fileView } from '../files.ts';

export type MessageSender = 'operator' | 'affiliate';

export interface MessageView {
  id: number;
  affiliate_id: number;
  sender: MessageSender;
  sender_name: string;
  subject: string;
  body: string;
  files: FileView[];
  created_at: Date;
  read_at: Date | null;
  read_by: string | null;
}

export async function messageViews(db: Db, rows: Selectable<MessagesTable>[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const files = await db
    .selectFrom('correspondence_files')
    .selectAll()
    .where(
      'message_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    affiliate_id: r.affiliate_id,
    sender: r.sender,
    sender_name: r.actor_name,
    subject: r.subject,
    body: r.body,
    files: files.filter((f) => f.message_id === r.id).map(fileView),
    created_at: r.created_at,
    read_at: r.read_at,
    read_by: r.read_by,
  }));
}

/** The side that reads what `sender` wrote. */
export const otherSide = (sender: MessageSender): MessageSender =>
  sender === 'operator' ? 'affiliate' : 'operator';
