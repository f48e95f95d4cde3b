import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CouponCodeFilter } from '../../../core/catalog/coupon-codes/coupon-code.ts';
import { createCouponCode } from '../../../core/catalog/coupon-codes/create-coupon-code.ts';
import { deleteCouponCode } from '../../../core/catalog/coupon-codes/delete-coupon-code.ts';
import { getCouponCode } from '../../../core/catalog/coupon-codes/get-coupon-code.ts';
import { listCouponCodes } from '../../../core/catalog/coupon-codes/list-coupon-codes.ts';
import { updateCouponCode } from '../../../core/catalog/coupon-codes/update-coupon-code.ts';
import type { Scope } from '../../../core/catalog/types.ts';
import type { Db } from '../../../db/index.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { COUPON_HELP, CouponCode, CouponCodePage, couponFilters, When } from '../../schemas/coupon-codes.ts';
import { managerScope } from './manager-scope.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const OptionalId = (description: string) => Type.Optional(Type.Union([Id, Type.Null()], { description }));

const editable = {
  code: Type.String({ maxLength: 64, description: 'Letters, digits, dots, dashes and underscores' }),
  affiliate_id: Id,
  campaign_id: OptionalId(
    "One of the affiliate's campaigns on the brand; a promo given alone brings its own",
  ),
  promo_id: OptionalId("One of the affiliate's promos on the brand"),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  valid_from: When('Valid from this moment; null: from the start'),
  valid_until: When('Valid until this moment (after valid_from); null: no end'),
  enabled: Type.Optional(Type.Boolean()),
};

/** The validity dates as Dates; a date left out stays out (the audit names the fields sent). */
function dates<T extends { valid_from?: string | null; valid_until?: string | null }>(body: T) {
  const { valid_from, valid_until, ...rest } = body;
  const at = (v: string | null) => (v === null ? null : new Date(v));
  return {
    ...rest,
    ...(valid_from !== undefined ? { valid_from: at(valid_from) } : {}),
    ...(valid_until !== undefined ? { valid_until: at(valid_until) } : {}),
  };
}

/** A page of coupon codes the scope reaches (operator and portal lists alike). */
export async function couponPage(
  db: Db,
  query: CouponCodeFilter & { page?: number; page_size?: number },
  scope: Scope,
) {
  const page = pageOf(query);
  const result = await listCouponCodes({ db, filter: query, limit: page.limit, offset: page.offset, scope });
  return listPage(page, result);
}

export const couponCodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['coupon codes'];

  app.get(
    '/coupon-codes',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List coupon codes, newest first',
        description: COUPON_HELP,
        querystring: Type.Object(
          { ...couponFilters, affiliate_id: Type.Optional(Id), ...PageQuery },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CouponCodePage }, 401, 403, 404, 422),
      },
    },
    async (request) => couponPage(db(), request.query, managerScope(request)),
  );

  app.post(
    '/coupon-codes',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a coupon code',
        description: `${COUPON_HELP} A code taken on the brand (in any case) is a 409 naming \`code\`.`,
        body: Type.Object({ brand_id: Id, ...editable }, { additionalProperties: false }),
        response: withErrors({ 201: CouponCode }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createCouponCode({
          db: db(),
          actor: actorOf(request),
          input: dates(request.body),
          scope: managerScope(request),
        }),
      ),
  );

  app.get(
    '/coupon-codes/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a coupon code',
        params: IdParams,
        response: withErrors({ 200: CouponCode }, 401, 403, 404),
      },
    },
    async (request) => getCouponCode({ db: db(), id: request.params.id, scope: managerScope(request) }),
  );

  app.patch(
    '/coupon-codes/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a coupon code',
        description:
          'The brand stays. Moved to another affiliate, a code leaves its campaign and promo behind unless new ones are given. Events attributed before keep their owner.',
        params: IdParams,
        body: Type.Partial(Type.Object(editable), { additionalProperties: false }),
        response: withErrors({ 200: CouponCode }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateCouponCode({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: dates(request.body),
        scope: managerScope(request),
      }),
  );

  app.delete(
    '/coupon-codes/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Delete a coupon code no event used, or disable a used one',
        description:
          'A code no event was attributed by is deleted (204). A used code is disabled instead and returned (200), so the events it attributed keep their code.',
        params: IdParams,
        response: withErrors({ 200: CouponCode, 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const result = await deleteCouponCode({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        scope: managerScope(request),
      });
      return result.deleted ? reply.status(204).send(null) : reply.status(200).send(result.coupon);
    },
  );
};
