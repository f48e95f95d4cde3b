import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideInquiry } from '../../../core/correspondence/inquiries/decide-inquiry.ts';
import { getInquiry } from '../../../core/correspondence/inquiries/get-inquiry.ts';
import { listInquiries } from '../../../core/correspondence/inquiries/list-inquiries.ts';
import { openInquiry } from '../../../core/correspondence/inquiries/open-inquiry.ts';
import { readCorrespondenceFile } from '../../../core/correspondence/read-file.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  DecisionBody,
  FileResponse,
  INQUIRY_HELP,
  Inquiry,
  InquiryPage,
  InquiryQuery,
  OpenInquiryBody,
} from '../../schemas/correspondence.ts';
import { sendFile } from '../shared/send-file.ts';
import { manager } from './cash-outs.ts';

const SUPPORT = 'Needs the `support` scope (affiliate managers, support, admin).';

/** Inquiries in the back office: the operator asks affiliates for documents and decides on answers. */
export const inquiryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir, publicUrl } = app.deps.config;
  const tags = ['inquiries'];
  const read = { preValidation: requireOperator('read') };
  const support = { preValidation: requireOperator('support') };

  app.get(
    '/inquiries',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Inquiries to all affiliates, newest first (status=answered: answers to review)',
        description: INQUIRY_HELP,
        querystring: Type.Object(
          {
            ...InquiryQuery.properties,
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: InquiryPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listInquiries({
        db: db(),
        filter: {
          ...(q.affiliate_id ? { affiliateId: q.affiliate_id } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.awaiting_affiliate ? { awaitingAffiliate: true } : {}),
          ...manager(request),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/affiliates/:id/inquiries',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's inquiries, newest first (awaiting_affiliate=true: the open ones)",
        description: INQUIRY_HELP,
        params: IdParams,
        querystring: InquiryQuery,
        response: withErrors({ 200: InquiryPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listInquiries({
        db: db(),
        filter: {
          affiliateId: request.params.id,
          ...(q.status ? { status: q.status } : {}),
          ...(q.awaiting_affiliate ? { awaitingAffiliate: true } : {}),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.post(
    '/affiliates/:id/inquiries',
    {
      ...support,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Ask an affiliate for documents or missing information',
        description: `${INQUIRY_HELP} ${SUPPORT}`,
        params: IdParams,
        body: OpenInquiryBody,
        response: withErrors({ 201: Inquiry }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const inquiry = await openInquiry({
        db: db(),
        jobs: app.deps.jobs,
        actor: actorOf(request),
        publicUrl,
        affiliateId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(inquiry as never);
    },
  );

  app.get(
    '/inquiries/:id',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One inquiry with its answers, their files and its history',
        params: IdParams,
        response: withErrors({ 200: Inquiry }, 401, 403, 404),
      },
    },
    async (request) => getInquiry({ db: db(), id: request.params.id, ...manager(request) }) as never,
  );

  for (const [verb, decision] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/inquiries/:id/${verb}`,
      {
        ...support,
        schema: {
          tags,
          security: operatorSecurity,
          summary:
            decision === 'accepted'
              ? "Accept the affiliate's answer: the inquiry is done"
              : "Reject the affiliate's answer with a comment: the inquiry waits for a new answer",
          description: `Only an answered inquiry (409 otherwise)${decision === 'rejected' ? '; `comment` is required' : ''}. ${SUPPORT}`,
          params: IdParams,
          body: Type.Optional(DecisionBody),
          response: withErrors({ 200: Inquiry }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        decideInquiry({
          db: db(),
          jobs: app.deps.jobs,
          actor: actorOf(request),
          publicUrl,
          id: request.params.id,
          decision,
          comment: request.body?.comment ?? null,
          ...manager(request),
        }) as never,
    );
  }

  app.get(
    '/correspondence-files/:id',
    {
      ...support,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'A file attached to an inquiry answer or a message',
        description: SUPPORT,
        params: IdParams,
        response: withErrors({ 200: FileResponse }, 401, 403, 404),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await readCorrespondenceFile({ db: db(), dataDir, id: request.params.id, ...manager(request) }),
      ),
  );
};
