import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { countUnreadMessages } from '../../../core/correspondence/messages/count-unread.ts';
import { listMessages } from '../../../core/correspondence/messages/list-messages.ts';
import { markMessageRead } from '../../../core/correspondence/messages/mark-message-read.ts';
import { markThreadRead } from '../../../core/correspondence/messages/mark-thread-read.ts';
import { sendMessage } from '../../../core/correspondence/messages/send-message.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
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
import { manager } from './cash-outs.ts';

const SUPPORT = 'Needs the `support` scope (affiliate managers, support, admin).';
const AffiliateRef = Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }));

/** The operator's side of each affiliate's conversation. */
export const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir, publicUrl } = app.deps.config;
  const tags = ['messages'];
  const read = { preValidation: requireOperator('read') };
  const support = { preValidation: requireOperator('support') };

  app.get(
    '/messages',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary:
          "Messages of every affiliate's conversation, newest first (sender=affiliate&unread=true: the inbox)",
        description: MESSAGE_HELP,
        querystring: Type.Object(
          { ...MessageQuery, affiliate_id: AffiliateRef },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: MessagePage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listMessages({
        db: db(),
        filter: {
          ...(q.affiliate_id ? { affiliateId: q.affiliate_id } : {}),
          ...(q.sender ? { sender: q.sender } : {}),
          ...(q.unread ? { unread: true } : {}),
          ...manager(request),
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
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'How many messages from affiliates nobody of the operator has read (the back office badge)',
        querystring: Type.Object({ affiliate_id: AffiliateRef }, { additionalProperties: false }),
        response: withErrors({ 200: UnreadCount }, 401, 403, 404, 422),
      },
    },
    async (request) => ({
      unread: await countUnreadMessages({
        db: db(),
        reader: 'operator',
        ...(request.query.affiliate_id ? { affiliateId: request.query.affiliate_id } : {}),
        ...manager(request),
      }),
    }),
  );

  app.get(
    '/affiliates/:id/messages',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The conversation with an affiliate, newest first',
        description: MESSAGE_HELP,
        params: IdParams,
        querystring: Type.Object(MessageQuery, { additionalProperties: false }),
        response: withErrors({ 200: MessagePage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listMessages({
        db: db(),
        filter: {
          affiliateId: request.params.id,
          ...(q.sender ? { sender: q.sender } : {}),
          ...(q.unread ? { unread: true } : {}),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.post(
    '/affiliates/:id/messages',
    {
      ...support,
      bodyLimit: 15_000_000,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Write to an affiliate: its owners are emailed',
        description: `${MESSAGE_HELP} ${FILES_HELP} ${SUPPORT}`,
        params: IdParams,
        body: SendMessageBody,
        response: withErrors({ 201: Message }, 401, 403, 404, 413, 422),
      },
    },
    async (request, reply) => {
      const message = await sendMessage({
        db: db(),
        jobs: app.deps.jobs,
        actor: actorOf(request),
        dataDir,
        publicUrl,
        affiliateId: request.params.id,
        sender: 'operator',
        subject: request.body.subject,
        body: request.body.body,
        files: toIncoming(request.body.files),
      });
      return reply.status(201).send(message as never);
    },
  );

  app.post(
    '/affiliates/:id/messages/read',
    {
      ...support,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Mark every message of the affiliate's unread by the operator as read",
        description: SUPPORT,
        params: IdParams,
        response: withErrors({ 200: MarkedCount }, 401, 403, 404),
      },
    },
    async (request) =>
      markThreadRead({
        db: db(),
        actor: actorOf(request),
        reader: 'operator',
        affiliateId: request.params.id,
      }),
  );

  app.post(
    '/messages/:id/read',
    {
      ...support,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Mark an affiliate's message read (or unread again with read=false)",
        description: `Only a message the affiliate sent (422 otherwise). ${SUPPORT}`,
        params: IdParams,
        body: Type.Optional(ReadBody),
        response: withErrors({ 200: Message }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      markMessageRead({
        db: db(),
        actor: actorOf(request),
        reader: 'operator',
        id: request.params.id,
        read: request.body?.read ?? true,
        ...manager(request),
      }) as never,
  );
};
