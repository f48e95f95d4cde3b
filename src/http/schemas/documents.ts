import { Type } from 'typebox';
import { ListOf, Nullable, NullableTimestamp, PageQuery, StringEnum, Timestamp } from './common.ts';

export const DOCUMENT_KINDS = [
  'identity',
  'proof_of_address',
  'company_registration',
  'tax_form',
  'other',
] as const;
export const DOCUMENT_STATUSES = ['pending', 'approved', 'declined'] as const;

export const DOCUMENT_HELP =
  'Documents the affiliate uploads for verification (`identity`, `proof_of_address`, `company_registration`, `tax_form`, `other`): a PDF, PNG or JPEG (read from the bytes) of at most 2 MiB, sent base64 in `content_base64`. Each is `pending` until the operator approves it or declines it with a comment the affiliate reads; the affiliate may delete it while it is pending. Bank statements are listed here too (`source: bank_statement`, `kind: bank_statement`, with their `payment_method_id`): they are uploaded on their bank account and decided through the bank statements, and approving one verifies the account. The list pages with `page` and `page_size` (default 50, at most 500) over both, newest first.';

export const DocumentItem = Type.Object({
  source: StringEnum(['document', 'bank_statement'] as const),
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  kind: StringEnum([...DOCUMENT_KINDS, 'bank_statement'] as const),
  description: Nullable(Type.String()),
  payment_method_id: Nullable(Type.Integer()),
  file_name: Type.String(),
  content_type: Type.String(),
  size_bytes: Type.Integer(),
  status: StringEnum(DOCUMENT_STATUSES),
  decision_comment: Nullable(Type.String()),
  decided_by: Nullable(Type.String()),
  decided_at: NullableTimestamp,
  uploaded_by: Nullable(Type.String()),
  created_at: Timestamp,
});
export const DocumentList = ListOf(DocumentItem);

export const DocumentQuery = Type.Object(
  { status: Type.Optional(StringEnum(DOCUMENT_STATUSES)), ...PageQuery },
  { additionalProperties: false },
);

export const UploadDocumentBody = Type.Object(
  {
    kind: Type.String({ maxLength: 40 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    file_name: Type.String({ maxLength: 200 }),
    content_base64: Type.String({ maxLength: 2_900_000, description: 'The file, base64, at most 2 MiB' }),
  },
  { additionalProperties: false },
);

export const DecideDocumentBody = Type.Object(
  {
    status: StringEnum(['approved', 'declined'] as const),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
