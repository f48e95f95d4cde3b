import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listStaffDirectory } from '../../../core/affiliates/list-staff-directory.ts';
import {
  addCustomTagValue,
  createCustomTag,
  deleteCustomTag,
  deleteCustomTagValue,
  getCustomTag,
  listCustomTags,
  updateCustomTag,
  updateCustomTagValue,
} from '../../../core/affiliates/lists/custom-tags.ts';
import {
  createManagedEntry,
  deleteManagedEntry,
  listManagedEntries,
  type ManagedList,
  updateManagedEntry,
} from '../../../core/affiliates/lists/managed-lists.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  status: StringEnum(['active', 'archived'], {
    description: 'Archived traffic sources cannot be newly assigned',
  }),
  affiliate_count: Type.Integer(),
  created_at: Timestamp,
});
const EntryBody = (required: boolean) =>
  Type.Object(
    {
      name: required
        ? Type.String({ minLength: 1, maxLength: 64 })
        : Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      description: Type.Optional(Type.String({ maxLength: 1000 })),
      status: Type.Optional(StringEnum(['active', 'archived'], { description: 'Traffic sources only' })),
    },
    { additionalProperties: false, ...(required ? {} : { minProperties: 1 }) },
  );
const CustomTag = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  values: Type.Array(
    Type.Object({ id: Type.Integer(), value: Type.String(), affiliate_count: Type.Integer() }),
  ),
  created_at: Timestamp,
});
const ValueParams = Type.Object({ id: IdParams.properties.id, valueId: IdParams.properties.id });
const ValueBody = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

const LISTS: { list: ManagedList; path: string; noun: string }[] = [
  { list: 'tiers', path: '/affiliate-tiers', noun: 'tier' },
  { list: 'labels', path: '/affiliate-labels', noun: 'label' },
  { list: 'traffic_sources', path: '/traffic-sources', noun: 'traffic source' },
];

/** The lists the affiliate forms pick from: staff, tiers, labels, traffic sources, custom tags. */
export const affiliateListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['affiliate lists'], security: operatorSecurity };

  app.get(
    '/staff-directory',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Staff users to pick as account managers and executives',
        querystring: Type.Object(
          { include_blocked: Type.Boolean({ default: false }) },
          { additionalProperties: false },
        ),
        response: withErrors(
          {
            200: Type.Object({
              data: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  name: Type.String(),
                  email: Type.String(),
                  role: Type.String(),
                  status: Type.String(),
                }),
              ),
            }),
          },
          401,
          403,
        ),
      },
    },
    async (request) => ({
      data: await listStaffDirectory(db(), { includeBlocked: request.query.include_blocked }),
    }),
  );

  for (const { list, path, noun } of LISTS) {
    app.get(
      path,
      {
        preValidation: requireOperator('read'),
        schema: {
          ...common,
          summary: `List ${noun}s`,
          response: withErrors({ 200: Type.Object({ data: Type.Array(Entry) }) }, 401, 403),
        },
      },
      async () => ({ data: await listManagedEntries(db(), list) }),
    );
    app.post(
      path,
      {
        preValidation: requireOperator('write'),
        schema: {
          ...common,
          summary: `Create a ${noun}`,
          body: EntryBody(true),
          response: withErrors({ 201: Entry }, 401, 403, 422),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createManagedEntry({ db: db(), actor: actorOf(request), list, input: request.body })),
    );
    app.patch(
      `${path}/:id`,
      {
        preValidation: requireOperator('write'),
        schema: {
          ...common,
          summary: list === 'labels' ? 'Change a label (a label in use keeps its name)' : `Change a ${noun}`,
          params: IdParams,
          body: EntryBody(false),
          response: withErrors({ 200: Entry }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        updateManagedEntry({
          db: db(),
          actor: actorOf(request),
          list,
          id: request.params.id,
          input: request.body,
        }),
    );
    app.delete(
      `${path}/:id`,
      {
        preValidation: requireOperator('write'),
        schema: {
          ...common,
          summary: `Delete a ${noun} no affiliate uses`,
          params: IdParams,
          response: withErrors({ 204: Type.Null() }, 401, 403, 404, 409),
        },
      },
      async (request, reply) => {
        await deleteManagedEntry({ db: db(), actor: actorOf(request), list, id: request.params.id });
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/custom-tags',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'List custom tags and their values',
        response: withErrors({ 200: Type.Object({ data: Type.Array(CustomTag) }) }, 401, 403),
      },
    },
    async () => ({ data: await listCustomTags(db()) }),
  );
  app.post(
    '/custom-tags',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Create a custom tag with its allowed values',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            values: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: CustomTag }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createCustomTag({ db: db(), actor: actorOf(request), input: request.body })),
  );
  app.get(
    '/custom-tags/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'One custom tag',
        params: IdParams,
        response: withErrors({ 200: CustomTag }, 401, 403, 404),
      },
    },
    async (request) => getCustomTag(db(), request.params.id),
  );
  app.patch(
    '/custom-tags/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Rename or describe a custom tag',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withErrors({ 200: CustomTag }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updateCustomTag({ db: db(), actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/custom-tags/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Delete a custom tag no affiliate holds',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await deleteCustomTag({ db: db(), actor: actorOf(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/custom-tags/:id/values',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Add an allowed value',
        params: IdParams,
        body: ValueBody,
        response: withErrors({ 201: CustomTag }, 401, 403, 404, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addCustomTagValue({
          db: db(),
          actor: actorOf(request),
          tagId: request.params.id,
          value: request.body.value,
        }),
      ),
  );
  app.patch(
    '/custom-tags/:id/values/:valueId',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Rename a value (affiliates holding it follow)',
        params: ValueParams,
        body: ValueBody,
        response: withErrors({ 200: CustomTag }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updateCustomTagValue({
        db: db(),
        actor: actorOf(request),
        tagId: request.params.id,
        valueId: request.params.valueId,
        value: request.body.value,
      }),
  );
  app.delete(
    '/custom-tags/:id/values/:valueId',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Delete a value no affiliate holds',
        params: ValueParams,
        response: withErrors({ 200: CustomTag }, 401, 403, 404, 409),
      },
    },
    async (request) =>
      deleteCustomTagValue({
        db: db(),
        actor: actorOf(request),
        tagId: request.params.id,
        valueId: request.params.valueId,
      }),
  );
};
