import type { Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type InquiryStatus = 'open' | 'answered' | 'accepted' | 'rejected';

export interface InquiriesTable {
  id: Generated<number>;
  affiliate_id: number;
  subject: string;
  expected_reply: string;
  due_date: string | null;
  status: Generated<InquiryStatus>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  answered_at: Date | null;
  decided_at: Date | null;
  decision_comment: string | null;
}

interface ActorColumns {
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: string;
}

export interface InquiryAnswersTable extends ActorColumns {
  id: Generated<number>;
  inquiry_id: number;
  affiliate_id: number;
  body: string;
  decision: 'accepted' | 'rejected' | null;
  decision_comment: string | null;
  created_at: CreatedAt;
}

export interface InquiryChangesTable extends ActorColumns {
  id: Generated<number>;
  inquiry_id: number;
  from_status: InquiryStatus | null;
  to_status: InquiryStatus;
  comment: string | null;
  created_at: CreatedAt;
}

export interface MessagesTable extends ActorColumns {
  id: Generated<number>;
  affiliate_id: number;
  sender: 'operator' | 'affiliate';
  subject: string;
  body: string;
  created_at: CreatedAt;
  read_at: Date | null;
  read_by: string | null;
}

export interface CorrespondenceFilesTable {
  id: Generated<number>;
  affiliate_id: number;
  inquiry_answer_id: number | null;
  message_id: number | null;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  created_at: CreatedAt;
}

export interface CorrespondenceTables {
  inquiries: InquiriesTable;
  inquiry_answers: InquiryAnswersTable;
  inquiry_changes: InquiryChangesTable;
  messages: MessagesTable;
  correspondence_files: CorrespondenceFilesTable;
}
