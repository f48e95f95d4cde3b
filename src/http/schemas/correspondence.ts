import { Type } from 'typebox';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

export const INQUIRY_STATUSES = ['open', 'answered', 'accepted', 'rejected'] as const;

export const INQUIRY_HELP =
  "An inquiry is the operator asking an affiliate for documents or missing information: `subject`, `expected_reply` (what the answer must contain) and optionally `due_date`. It is `open` until the affiliate answers with text and files (`answered`); the operator then accepts the answer (`accepted`, final) or rejects it with a comment saying what is missing (`rejected`): a rejected inquiry waits for a new answer, which makes it `answered` again, and every answer stays with its decision. Open and rejected inquiries are the ones waiting for the affiliate. Each change is in the inquiry's `changes` with who made it, and in the affiliate's events log (`inquiry_opened`, `inquiry_answered`, `inquiry_accepted`, `inquiry_rejected`); the affiliate's owners are emailed when an inquiry is opened or decided, the account manager when it is answered.";

export const FILES_HELP =
  'Files travel base64 in `files[].content_base64` with their `file_name`: PDF, PNG or JPEG (read from the bytes), at most 2 MiB each, at most 5.';

export const CorrespondenceFile = Type.Object({
  id: Type.Integer(),
  file_name: Type.String(),
  content_type: Type.String(),
  size_bytes: Type.Integer(),
  created_at: Timestamp,
});

export const FileInput = Type.Object(
  {
    file_name: Type.String({ maxLength: 200 }),
    content_base64: Type.String({ maxLength: 2_900_000, description: 'The file, base64, at most 2 MiB' }),
  },
  { additionalProperties: false },
);
export const FilesInput = Type.Array(FileInput, { maxItems: 5 });

const InquiryFields = {
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  subject: Type.String(),
  expected_reply: Type.String({ description: 'What the answer must contain' }),
  due_date: Nullable(Type.String({ format: 'date' })),
  status: StringEnum(INQUIRY_STATUSES),
  created_by: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  answered_at: NullableTimestamp,
  decided_at: NullableTimestamp,
  decision_comment: Nullable(Type.String({ description: "The operator's comment on the last decision" })),
};

export const InquirySummary = Type.Object(InquiryFields);
export const InquiryPage = ListOf(InquirySummary);

export const Inquiry = Type.Object({
  ...InquiryFields,
  answers: Type.Array(
    Type.Object({
      id: Type.Integer(),
      body: Type.String(),
      files: Type.Array(CorrespondenceFile),
      decision: Nullable(StringEnum(['accepted', 'rejected'] as const)),
      decision_comment: Nullable(Type.String()),
      answered_by: Type.String(),
      created_at: Timestamp,
    }),
  ),
  changes: Type.Array(
    Type.Object({
      from_status: Nullable(StringEnum(INQUIRY_STATUSES)),
      to_status: StringEnum(INQUIRY_STATUSES),
      comment: Nullable(Type.String()),
      actor_type: Type.String(),
      actor_name: Type.String(),
      created_at: Timestamp,
    }),
  ),
});

export const InquiryQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(StringEnum(INQUIRY_STATUSES)),
    awaiting_affiliate: Type.Optional(
      Type.Boolean({ description: 'Only open and rejected ones: waiting for the affiliate' }),
    ),
  },
  { additionalProperties: false },
);

export const OpenInquiryBody = Type.Object(
  {
    subject: Type.String({ maxLength: 1000 }),
    expected_reply: Type.String({ maxLength: 20_000 }),
    due_date: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'YYYY-MM-DD' }))),
  },
  { additionalProperties: false },
);

export const AnswerInquiryBody = Type.Object(
  { body: Type.String({ maxLength: 20_000 }), files: Type.Optional(FilesInput) },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const FileResponse = {
  description: 'The file as uploaded',
  content: {
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
    'image/png': { schema: { type: 'string', format: 'binary' } },
    'image/jpeg': { schema: { type: 'string', format: 'binary' } },
  },
};

export const toIncoming = (files: { file_name: string; content_base64: string }[] | undefined) =>
  (files ?? []).map((f) => ({ file_name: f.file_name, content: Buffer.from(f.content_base64, 'base64') }));

export const MESSAGE_HELP =
  "Messages are one conversation between the operator and each affiliate: `sender` is the side that wrote it (`operator` or `affiliate`, with `sender_name`), the other side reads it (`read_at`, `read_by`); `subject`, `body` and up to 5 files. The other side is emailed when a message is sent: the affiliate's owners for the operator's, the account manager for the affiliate's. Sending is in the affiliate's events log (`message_sent`).";

export const Message = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  sender: StringEnum(['operator', 'affiliate'] as const),
  sender_name: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  files: Type.Array(CorrespondenceFile),
  created_at: Timestamp,
  read_at: NullableTimestamp,
  read_by: Nullable(Type.String()),
});
export const MessagePage = ListOf(Message);

export const MessageQuery = {
  ...PageQuery,
  sender: Type.Optional(StringEnum(['operator', 'affiliate'] as const)),
  unread: Type.Optional(Type.Boolean({ description: 'Only the ones the recipient has not read' })),
};

export const SendMessageBody = Type.Object(
  {
    subject: Type.String({ maxLength: 1000 }),
    body: Type.String({ maxLength: 40_000 }),
    files: Type.Optional(FilesInput),
  },
  { additionalProperties: false },
);

export const ReadBody = Type.Object(
  { read: Type.Optional(Type.Boolean({ description: 'false marks it unread again; default true' })) },
  { additionalProperties: false },
);

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const MarkedCount = Type.Object({ marked: Type.Integer() });
