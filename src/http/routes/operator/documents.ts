import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideDocument } from '../../../core/documents/decide-document.ts';
import { listDocuments } from '../../../core/documents/list-documents.ts';
import { readDocument } from '../../../core/documents/read-document.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { FileResponse } from '../../schemas/correspondence.ts';
import {
  DecideDocumentBody,
  DOCUMENT_HELP,
  DocumentItem,
  DocumentList,
  DocumentQuery,
} from '../../schemas/documents.ts';
import { sendFile } from '../shared/send-file.ts';
import { manager } from './cash-outs.ts';

/** Affiliates' documents in the back office: lists, files and the decision. */
export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { dataDir } = app.deps.config;
  const tags = ['documents'];
  const read = { preValidation: requireOperator('read') };

  app.get(
    '/documents',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Documents and bank statements of all affiliates, newest first (status=pending: to decide)',
        description: DOCUMENT_HELP,
        querystring: Type.Object(
          {
            ...DocumentQuery.properties,
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: DocumentList }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listDocuments({
        db: db(),
        ...(request.query.affiliate_id ? { affiliateId: request.query.affiliate_id } : {}),
        ...(request.query.status ? { status: request.query.status } : {}),
        ...manager(request),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/affiliates/:id/documents',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's documents and bank statements, newest first",
        description: DOCUMENT_HELP,
        params: IdParams,
        querystring: DocumentQuery,
        response: withErrors({ 200: DocumentList }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listDocuments({
        db: db(),
        affiliateId: request.params.id,
        ...(request.query.status ? { status: request.query.status } : {}),
        ...manager(request),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/documents/:id/file',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "A document's file, to read before deciding",
        params: IdParams,
        response: withErrors({ 200: FileResponse }, 401, 403, 404),
      },
    },
    async (request, reply) =>
      sendFile(reply, await readDocument({ db: db(), dataDir, id: request.params.id, ...manager(request) })),
  );

  app.post(
    '/documents/:id/decide',
    {
      preValidation: requireOperator('support'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Approve or decline (with a comment) a pending document',
        description:
          'Needs the `support` scope. A decided document is a 409. Bank statements are decided at `POST /bank-statements/{id}/approve|decline`.',
        params: IdParams,
        body: DecideDocumentBody,
        response: withErrors({ 200: DocumentItem }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      decideDocument({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        decision: request.body.status,
        comment: request.body.comment ?? null,
        ...manager(request),
      }) as never,
  );
};
