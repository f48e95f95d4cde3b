import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { countUnreadMessages } from '../../../core/correspondence/messages/count-unread.ts';
import { listMessages } from '../../../core/correspondence/messages/list-messages.ts';
import { markMessageRead } from '../../../core/correspondence/messages/mark-message-read.ts';
import { markThreadRead } from '../../../core/correspondence/messages/mark-thread-read.ts';
import { sendMessage } from '../../../core/correspondence/messages/send-message.ts';
import { partnerActor, partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  FILES_HELP,
  MarkedCount,
  MESSAGE_HELP,
  Message,
  MessagePage,
  MessageQuery,
  ReadBody,
  SendMessageBody,
  toIncoming,
  UnreadCount,
} from '../../schemas/correspondence.ts';

/** The affiliate's side of its conversation with the operator. */
export const partnerMessageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir, publicUrl } = app.deps.config;
  const tags = ['portal: inquiries and messages'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;

  app.get(
    '/messages',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My conversation with the operator, newest first',
        description: MESSAGE_HELP,
        querystring: Type.Object(MessageQuery, { additionalProperties: false }),
        response: withErrors({ 200: MessagePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listMessages({
        db: db(),
        filter: {
          affiliateId: mine(request),
          ...(q.sender ? { sender: q.sender } : {}),
          ...(q.unread ? { unread: true } : {}),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/messages/unread-count',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: "How many of the operator's messages I have not read (the portal badge)",
        response: withErrors({ 200: UnreadCount }, 401, 403),
      },
    },
    async (request) => ({
      unread: await countUnreadMessages({ db: db(), reader: 'affiliate', affiliateId: mine(request) }),
    }),
  );

  app.post(
    '/messages',
    {
      preValidation: requirePartner({ changesData: true }),
      bodyLimit: 15_000_000,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Write to the operator: my account manager is emailed',
        description: `${MESSAGE_HELP} ${FILES_HELP}`,
        body: SendMessageBody,
        response: withErrors({ 201: Message }, 401, 403, 413, 422),
      },
    },
    async (request, reply) => {
      const message = await sendMessage({
        db: db(),
        jobs: app.deps.jobs,
        actor: partnerActor(request),
        dataDir,
        publicUrl,
        affiliateId: mine(request),
        sender: 'affiliate',
        subject: request.body.subject,
        body: request.body.body,
        files: toIncoming(request.body.files),
      });
      return reply.status(201).send(message as never);
    },
  );

  app.post(
    '/messages/read',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: "Mark every unread message of the operator's as read",
        response: withErrors({ 200: MarkedCount }, 401, 403),
      },
    },
    async (request) =>
      markThreadRead({
        db: db(),
        actor: partnerActor(request),
        reader: 'affiliate',
        affiliateId: mine(request),
      }),
  );

  app.post(
    '/messages/:id/read',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: "Mark one of the operator's messages read (or unread again with read=false)",
        description: 'Only a message the operator sent (422 otherwise).',
        params: IdParams,
        body: Type.Optional(ReadBody),
        response: withErrors({ 200: Message }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      markMessageRead({
        db: db(),
        actor: partnerActor(request),
        reader: 'affiliate',
        id: request.params.id,
        read: request.body?.read ?? true,
        affiliateId: mine(request),
      }) as never,
  );
};
