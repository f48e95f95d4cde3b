import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createBrand } from '../../../core/catalog/brands/create-brand.ts';
import { getBrand } from '../../../core/catalog/brands/get-brand.ts';
import { listBrands } from '../../../core/catalog/brands/list-brands.ts';
import { updateBrand } from '../../../core/catalog/brands/update-brand.ts';
import { ATTRIBUTION_BINDINGS } from '../../../core/catalog/types.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import { BRAND_SETTINGS_HELP, Brand, Nullable } from '../../schemas/tracking.ts';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  base_currency: Type.String({ minLength: 3, maxLength: 10, description: 'Currency code, e.g. EUR' }),
  tracking_domain: Nullable(
    Type.String({
      maxLength: 253,
      description: 'Host or origin tracking links are written on, e.g. go.brand.com',
    }),
  ),
  enabled: Type.Boolean(),
  attribution_binding: StringEnum(ATTRIBUTION_BINDINGS, {
    description: BRAND_SETTINGS_HELP.attribution_binding,
  }),
  click_lookback_days: Type.Integer({ description: BRAND_SETTINGS_HELP.click_lookback_days }),
  show_customer_ids: Type.Boolean({ description: BRAND_SETTINGS_HELP.show_customer_ids }),
};

export const brandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['brands'];

  app.get(
    '/brands',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List brands',
        querystring: Type.Object({ enabled: Type.Optional(Type.Boolean()) }),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Brand) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listBrands(db(), request.query) }),
  );

  app.post(
    '/brands',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a brand',
        body: Type.Object(
          {
            name: fields.name,
            base_currency: fields.base_currency,
            tracking_domain: Type.Optional(fields.tracking_domain),
            enabled: Type.Optional(fields.enabled),
            attribution_binding: Type.Optional(fields.attribution_binding),
            click_lookback_days: Type.Optional(fields.click_lookback_days),
            show_customer_ids: Type.Optional(fields.show_customer_ids),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Brand }, 401, 403, 409, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBrand({ db: db(), actor: actorOf(request), input: request.body })),
  );

  app.get(
    '/brands/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a brand',
        params: IdParams,
        response: withErrors({ 200: Brand }, 401, 403, 404),
      },
    },
    async (request) => getBrand(db(), request.params.id),
  );

  app.patch(
    '/brands/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a brand',
        description: 'Disabling a brand sends its tracking links to the fallback URL at once.',
        params: IdParams,
        body: Type.Partial(Type.Object(fields), { additionalProperties: false }),
        response: withErrors({ 200: Brand }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateBrand({ db: db(), actor: actorOf(request), id: request.params.id, input: request.body }),
  );
};
