import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { answerInquiry } from '../../../core/correspondence/inquiries/answer-inquiry.ts';
import { getInquiry } from '../../../core/correspondence/inquiries/get-inquiry.ts';
import { listInquiries } from '../../../core/correspondence/inquiries/list-inquiries.ts';
import { readCorrespondenceFile } from '../../../core/correspondence/read-file.ts';
import { partnerActor, partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  AnswerInquiryBody,
  FILES_HELP,
  FileResponse,
  INQUIRY_HELP,
  Inquiry,
  InquiryPage,
  InquiryQuery,
  toIncoming,
} from '../../schemas/correspondence.ts';
import { sendFile } from '../shared/send-file.ts';

export const partnerInquiryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir, publicUrl } = app.deps.config;
  const tags = ['portal: inquiries and messages'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;

  app.get(
    '/inquiries',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'What the operator asked me for, newest first (awaiting_affiliate=true: to answer)',
        description: INQUIRY_HELP,
        querystring: InquiryQuery,
        response: withErrors({ 200: InquiryPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listInquiries({
        db: db(),
        filter: {
          affiliateId: mine(request),
          ...(q.status ? { status: q.status } : {}),
          ...(q.awaiting_affiliate ? { awaitingAffiliate: true } : {}),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/inquiries/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my inquiries with my answers and the decisions on them',
        params: IdParams,
        response: withErrors({ 200: Inquiry }, 401, 403, 404),
      },
    },
    async (request) => getInquiry({ db: db(), id: request.params.id, affiliateId: mine(request) }) as never,
  );

  app.post(
    '/inquiries/:id/answer',
    {
      preValidation: requirePartner({ changesData: true }),
      bodyLimit: 15_000_000,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Answer an open (or rejected) inquiry with text and files',
        description: `The inquiry becomes \`answered\` and waits for the operator (409 when it is answered or accepted already). ${FILES_HELP}`,
        params: IdParams,
        body: AnswerInquiryBody,
        response: withErrors({ 200: Inquiry }, 401, 403, 404, 409, 413, 422),
      },
    },
    async (request) =>
      answerInquiry({
        db: db(),
        jobs: app.deps.jobs,
        actor: partnerActor(request),
        dataDir,
        publicUrl,
        affiliateId: mine(request),
        id: request.params.id,
        body: request.body.body,
        files: toIncoming(request.body.files),
      }) as never,
  );

  app.get(
    '/correspondence-files/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'A file of one of my inquiry answers or messages',
        params: IdParams,
        response: withErrors({ 200: FileResponse }, 401, 403, 404),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await readCorrespondenceFile({
          db: db(),
          dataDir,
          id: request.params.id,
          affiliateId: mine(request),
        }),
      ),
  );
};
