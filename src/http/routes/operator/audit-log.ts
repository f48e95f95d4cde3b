import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AUDIT_SOURCES, listAuditLog } from '../../../core/audit/list-audit-log.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  ListOf,
  listPage,
  Nullable,
  PageQuery,
  pageOf,
  StringEnum,
  Timestamp,
  withErrors,
} from '../../schemas/common.ts';

const ACTOR_TYPES = ['staff', 'api_key', 'affiliate_user', 'affiliate_api_key', 'system', 'cli'] as const;

const AuditEntry = Type.Object(
  {
    id: Type.String({ description: '`catalog:<n>` or `settings:<n>`' }),
    source: StringEnum(AUDIT_SOURCES),
    entity: Type.String({
      description:
        'brand, destination_link, media, campaign, promo, coupon_code, fraud_rule, commission_plan, api_key, staff_user, currency, exchange_rates, managed_list_entry, custom_tag, custom_tag_value',
    }),
    entity_id: Nullable(Type.String()),
    action: Type.String(),
    detail: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Catalog lines: `{ fields: [...] }`, the fields the change named; settings lines: what changed',
    }),
    actor_type: StringEnum(ACTOR_TYPES),
    actor_id: Nullable(Type.Integer()),
    actor_name: Type.String(),
    created_at: Timestamp,
  },
  { $id: 'AuditEntry' },
);

export const auditLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-log',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags: ['settings'],
        security: operatorSecurity,
        summary: 'Who changed what in the back office, newest first',
        description:
          "The catalog (brands, destination links, media, campaigns, promos, coupon codes, fraud rules, commission plans) and the settings (API keys, staff unlocks, currencies, exchange rates, managed lists, custom tags) in one list, each line with its actor. Lines are appended in the transaction of the change and never changed. An affiliate's own changes are in `GET /affiliates/{id}/history`.",
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ maxLength: 40 })),
            entity_id: Type.Optional(Type.String({ maxLength: 40 })),
            actor_type: Type.Optional(StringEnum(ACTOR_TYPES)),
            actor_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            from: Type.Optional(
              Type.String({ format: 'date-time', description: 'From this moment, inclusive' }),
            ),
            until: Type.Optional(
              Type.String({ format: 'date-time', description: 'Until this moment, inclusive' }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(AuditEntry) }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page: _p, page_size: _s, from, until, ...filter } = request.query;
      const page = pageOf(request.query);
      const result = await listAuditLog({
        db: app.deps.database.db,
        filter: {
          ...filter,
          from: from === undefined ? undefined : new Date(from),
          until: until === undefined ? undefined : new Date(until),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );
};
