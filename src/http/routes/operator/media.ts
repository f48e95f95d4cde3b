import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deleteMedia } from '../../../core/catalog/media/delete-media.ts';
import { getMedia } from '../../../core/catalog/media/get-media.ts';
import { listMedia } from '../../../core/catalog/media/list-media.ts';
import { updateMedia } from '../../../core/catalog/media/update-media.ts';
import { type UploadMediaInput, uploadMedia } from '../../../core/catalog/media/upload-media.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { badText } from '../../plugins/validation.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import { IdRef, MEDIA_FORMATS, Media, Nullable, ORIENTATIONS } from '../../schemas/tracking.ts';
import { managerScope } from './manager-scope.ts';

const MAX_FILE = 5 * 1024 * 1024;
const ids = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const TITLE_MAX = 200;

/** Reads the multipart form: one `file` and plain fields; lists may repeat or be comma-separated. */
async function readUpload(request: FastifyRequest): Promise<UploadMediaInput> {
  const errors: FieldError[] = [];
  const out: Partial<UploadMediaInput> = {};
  const toInt = (path: string, raw: string) => {
    if (!/^[1-9]\d{0,8}$/.test(raw)) errors.push({ path, message: 'must be a positive whole number' });
    return Number(raw);
  };
  try {
    await readParts(request, out, errors, toInt);
  } catch (error) {
    // busboy's own errors (no boundary, a truncated body, a malformed part header) carry no status.
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
    throw new AppError('bad_request', `the multipart form cannot be read: ${(error as Error).message}`);
  }
  if (!out.file) errors.push({ path: 'file', message: 'is required' });
  if (!out.title?.trim()) errors.push({ path: 'title', message: 'is required' });
  else if (out.title.length > TITLE_MAX)
    errors.push({ path: 'title', message: `must be at most ${TITLE_MAX} characters` });
  if (errors.length) throw AppError.validation(errors);
  return out as UploadMediaInput;
}

async function readParts(
  request: FastifyRequest,
  out: Partial<UploadMediaInput>,
  errors: FieldError[],
  toInt: (path: string, raw: string) => number,
): Promise<void> {
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || out.file) {
        await part.toBuffer().catch(() => {});
        errors.push({ path: part.fieldname, message: 'only one file, in the field "file", is accepted' });
        continue;
      }
      try {
        out.file = await part.toBuffer();
      } catch {
        throw AppError.field('file', `must be at most ${MAX_FILE / 1024 / 1024} MiB`);
      }
      continue;
    }
    const value = String(part.value ?? '');
    const bad = badText(value);
    if (bad) {
      errors.push({ path: part.fieldname, message: bad });
      continue;
    }
    switch (part.fieldname) {
      case 'title':
        out.title = value;
        break;
      case 'language':
        out.language = value || null;
        break;
      case 'is_public':
        if (!['true', 'false'].includes(value))
          errors.push({ path: 'is_public', message: 'must be true or false' });
        out.is_public = value === 'true';
        break;
      case 'tags':
        out.tags = [...(out.tags ?? []), ...ids(value)];
        break;
      case 'brand_id':
        out.brand_id = value ? toInt('brand_id', value) : null;
        break;
      case 'affiliate_ids':
        out.affiliate_ids = [
          ...(out.affiliate_ids ?? []),
          ...ids(value).map((v) => toInt('affiliate_ids', v)),
        ];
        break;
      default:
        errors.push({ path: part.fieldname, message: 'is not a known field' });
    }
  }
}

/** The upload form as documented (and typed for clients); lists travel comma-separated. */
const UploadForm = Type.Object({
  file: Type.String({ format: 'binary', description: 'PNG, JPEG, GIF, WebP or SVG, at most 5 MiB' }),
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  language: Type.Optional(Type.String({ maxLength: 20 })),
  is_public: Type.Optional(StringEnum(['true', 'false'] as const)),
  tags: Type.Optional(Type.String({ description: 'Comma-separated (or the field repeated)' })),
  brand_id: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  affiliate_ids: Type.Optional(Type.String({ description: 'Comma-separated ids (or the field repeated)' })),
});

export const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 2, fields: 50, fieldSize: 10_000 } });
  const db = () => app.deps.database.db;
  const { dataDir, publicUrl } = app.deps.config;
  const tags = ['media'];

  app.get(
    '/media',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List media (banners)',
        querystring: Type.Object({
          title: Type.Optional(Type.String({ maxLength: TITLE_MAX, description: 'Part of the title' })),
          language: Type.Optional(Type.String({ maxLength: 20 })),
          format: Type.Optional(StringEnum(MEDIA_FORMATS)),
          privacy: Type.Optional(StringEnum(['public', 'private'] as const)),
          width: Type.Optional(Type.Integer({ minimum: 1 })),
          height: Type.Optional(Type.Integer({ minimum: 1 })),
          tag: Type.Optional(Type.String({ maxLength: 100 })),
          orientation: Type.Optional(StringEnum(ORIENTATIONS)),
          brand_id: Type.Optional(IdRef),
        }),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Media) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listMedia(db(), publicUrl, request.query, managerScope(request)) }),
  );

  app.post(
    '/media',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Upload a banner',
        description:
          'multipart/form-data with `file` (PNG, JPEG, GIF, WebP or SVG, at most 5 MiB), `title`, and optionally `language`, `is_public` (true/false), `tags` and `affiliate_ids` (repeated or comma-separated), `brand_id`. Format, size and orientation are read from the image.',
        body: { content: { 'multipart/form-data': { schema: UploadForm } } },
        response: withErrors({ 201: Media }, 401, 403, 413, 415, 422),
      },
      // The form is read and checked part by part in readUpload (it streams the file), so the body
      // schema above only documents it: there is no parsed body for a validator to look at.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'send the banner as multipart/form-data');
      }
      return reply.status(201).send(
        await uploadMedia({
          db: db(),
          actor: actorOf(request),
          dataDir,
          publicUrl,
          input: await readUpload(request),
          scope: managerScope(request),
        }),
      );
    },
  );

  app.get(
    '/media/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a banner',
        params: IdParams,
        response: withErrors({ 200: Media }, 401, 403, 404),
      },
    },
    async (request) => getMedia(db(), request.params.id, publicUrl, managerScope(request)),
  );

  app.patch(
    '/media/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Change a banner's details",
        params: IdParams,
        body: Type.Partial(
          Type.Object({
            title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
            language: Nullable(Type.String({ maxLength: 20 })),
            is_public: Type.Boolean(),
            tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
            brand_id: Nullable(IdRef),
            affiliate_ids: Type.Array(IdRef, { maxItems: 10_000 }),
          }),
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Media }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updateMedia({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        publicUrl,
        input: request.body,
        scope: managerScope(request),
      }),
  );

  app.delete(
    '/media/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Delete a banner',
        description: 'Promos that showed it become direct links.',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deleteMedia({ db: db(), actor: actorOf(request), id: request.params.id, dataDir });
      return reply.status(204).send(null);
    },
  );
};
