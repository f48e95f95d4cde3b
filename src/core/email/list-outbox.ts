import type { Db } from '../../db/index.ts';

export interface OutboxMessage {
  id: number;
  template: string;
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
  transport: 'outbox' | 'smtp';
  status: 'stored' | 'sent' | 'failed';
  attachments: { filename: string; bytes: number }[];
  created_at: Date;
}

/** Newest first; `to` narrows to one recipient (case-insensitive). */
export async function listOutbox(
  db: Db,
  options: { to?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom('email_messages')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50);
  if (options.to)
    query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', options.to!.toLowerCase()));
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    template: r.template,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    transport: r.transport,
    status: r.status,
    attachments: r.attachments,
    created_at: r.created_at,
  }));
}
