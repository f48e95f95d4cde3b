import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { getInquiry } from '../../../core/correspondence/inquiries/get-inquiry.ts';
import { listInquiries } from '../../../core/correspondence/inquiries/list-inquiries.ts';
import { getMessage } from '../../../core/correspondence/messages/get-message.ts';
import { listMessages } from '../../../core/correspondence/messages/list-messages.ts';
import { Nullable } from '../../schemas/common.ts';
import { Inquiry, inquiryItem } from './account-view.ts';
import {
  AccountParams,
  Id,
  iso,
  KeyQuery,
  MSP_TAGS,
  mspKey,
  mspSecurity,
  Ok,
  OkList,
  ok,
  okList,
  PagingQuery,
} from './common.ts';
import { mspErrors } from './errors.ts';

type MessageView = Awaited<ReturnType<typeof getMessage>>;

const File = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  mime_type: Type.String(),
  size: Type.Integer(),
});
const Message = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  sender: Type.Union([Type.Literal('partner'), Type.Literal('account')], {
    description: 'partner: the operator wrote it; account: the affiliate did',
  }),
  sender_name: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  attachments: Type.Array(File),
  read: Type.Boolean({ description: 'Whether the side it was written to has read it' }),
  read_at: Nullable(Type.String({ format: 'date-time' })),
  created: Type.String({ format: 'date-time' }),
});

const message = (m: MessageView) => ({
  id: m.id,
  account_id: m.affiliate_id,
  sender: m.sender === 'operator' ? ('partner' as const) : ('account' as const),
  sender_name: m.sender_name,
  subject: m.subject,
  body: m.body,
  attachments: m.files.map((f) => ({
    id: f.id,
    filename: f.file_name,
    mime_type: f.content_type,
    size: f.size_bytes,
  })),
  read: m.read_at !== null,
  read_at: iso(m.read_at),
  created: m.created_at.toISOString(),
});

const Paging = Type.Object(PagingQuery(500, 100));

export const correspondenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };

  app.get(
    '/accounts/:account_id/inquiries',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List inquiries: requests to the affiliate for documents or information',
        description:
          'Every inquiry of the account, newest first, whatever its status (`GET /accounts/{account_id}` lists the ones waiting for an answer). `offset`, `limit` (100, at most 500).',
        params: AccountParams,
        querystring: Paging,
        response: { 200: OkList(Inquiry), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id } = request.params;
      await getAffiliate(db(), account_id);
      const { offset = 0, limit = 100 } = request.query;
      const page = await listInquiries({ db: db(), filter: { affiliateId: account_id }, limit, offset });
      return okList(page.data.map(inquiryItem), page.total);
    },
  );

  app.get(
    '/accounts/:account_id/inquiries/:inquiry_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get inquiry',
        description: "One inquiry of the account (another account's is 404).",
        params: Type.Object({ ...AccountParams.properties, inquiry_id: Id }),
        querystring: KeyQuery,
        response: { 200: Ok(Inquiry), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id, inquiry_id } = request.params;
      await getAffiliate(db(), account_id);
      return ok(inquiryItem(await getInquiry({ db: db(), id: inquiry_id, affiliateId: account_id })));
    },
  );

  app.get(
    '/accounts/:account_id/messages',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List messages exchanged with the affiliate',
        description:
          'The conversation with the account, newest first: what the operator (`partner`) and the affiliate (`account`) wrote. Reading through this API marks nothing read. `offset`, `limit` (100, at most 500).',
        params: AccountParams,
        querystring: Paging,
        response: { 200: OkList(Message), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id } = request.params;
      await getAffiliate(db(), account_id);
      const { offset = 0, limit = 100 } = request.query;
      const page = await listMessages({ db: db(), filter: { affiliateId: account_id }, limit, offset });
      return okList(page.data.map(message), page.total);
    },
  );

  app.get(
    '/accounts/:account_id/messages/:message_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get message: its full contents',
        description: "One message of the account (another account's is 404), with its attachments' names.",
        params: Type.Object({ ...AccountParams.properties, message_id: Id }),
        querystring: KeyQuery,
        response: { 200: Ok(Message), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id, message_id } = request.params;
      await getAffiliate(db(), account_id);
      return ok(message(await getMessage({ db: db(), id: message_id, affiliateId: account_id })));
    },
  );
};
