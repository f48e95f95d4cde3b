import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteDocument } from '../../../core/documents/delete-document.ts';
import { listDocuments } from '../../../core/documents/list-documents.ts';
import { readDocument } from '../../../core/documents/read-document.ts';
import { uploadDocument } from '../../../core/documents/upload-document.ts';
import { partnerActor, partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { FileResponse } from '../../schemas/correspondence.ts';
import {
  DOCUMENT_HELP,
  DocumentItem,
  DocumentList,
  DocumentQuery,
  UploadDocumentBody,
} from '../../schemas/documents.ts';
import { sendFile } from '../shared/send-file.ts';

/** The affiliate's documents for verification: list, upload, take back while pending, download. */
export const partnerDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir } = app.deps.config;
  const tags = ['portal: documents'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;

  app.get(
    '/documents',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My documents and bank statements, newest first',
        description: DOCUMENT_HELP,
        querystring: DocumentQuery,
        response: withErrors({ 200: DocumentList }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listDocuments({
        db: db(),
        affiliateId: mine(request),
        ...(request.query.status ? { status: request.query.status } : {}),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );

  app.post(
    '/documents',
    {
      preValidation: requirePartner({ changesData: true }),
      bodyLimit: 4_000_000,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Upload a document for verification; it waits for the operator',
        description: DOCUMENT_HELP,
        body: UploadDocumentBody,
        response: withErrors({ 201: DocumentItem }, 401, 403, 413, 422),
      },
    },
    async (request, reply) => {
      const document = await uploadDocument({
        db: db(),
        actor: partnerActor(request),
        dataDir,
        affiliateId: mine(request),
        kind: request.body.kind,
        description: request.body.description ?? null,
        fileName: request.body.file_name,
        file: Buffer.from(request.body.content_base64, 'base64'),
      });
      return reply.code(201).send(document as never);
    },
  );

  app.delete(
    '/documents/:id',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Delete one of my documents while it is pending (409 once decided)',
        params: IdParams,
        response: withErrors({ 204: { type: 'null', description: 'Deleted' } }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await deleteDocument({
        db: db(),
        actor: partnerActor(request),
        dataDir,
        affiliateId: mine(request),
        id: request.params.id,
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/documents/:id/file',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The file of one of my documents',
        params: IdParams,
        response: withErrors({ 200: FileResponse }, 401, 403, 404),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await readDocument({ db: db(), dataDir, id: request.params.id, affiliateId: mine(request) }),
      ),
  );
};
