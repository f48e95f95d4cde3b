import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { listSiteCategories } from '../../../core/sites/categories.ts';
import { createSite } from '../../../core/sites/create-site.ts';
import { getSite } from '../../../core/sites/get-site.ts';
import { listSites } from '../../../core/sites/list-sites.ts';
import { updateSite } from '../../../core/sites/update-site.ts';
import { actorOf } from '../../actor.ts';
import { Nullable } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import {
  AccountParams,
  Id,
  KeyQuery,
  MSP_TAGS,
  mspKey,
  mspSecurity,
  Ok,
  OkList,
  ok,
  okList,
  PagingQuery,
} from './common.ts';
import { mspErrors } from './errors.ts';

type SiteView = Awaited<ReturnType<typeof listSites>>['data'][number];
type SiteInput = Parameters<typeof createSite>[0]['input'];

const Site = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  name: Type.String({ maxLength: 120 }),
  url: Type.String(),
  notification_url: Nullable(Type.String()),
  price_from: Nullable(Type.Integer({ description: 'Minor units of price_currency' })),
  price_till: Nullable(Type.Integer({ description: 'Minor units of price_currency' })),
  support_email: Nullable(Type.String({ maxLength: 64 })),
  support_phone: Nullable(Type.String({ maxLength: 15 })),
  api_key: Type.Null({ description: 'Affluent sites have no key of their own: always null' }),
  category: Type.Integer({ description: 'A code of GET /categories' }),
  price_currency: Type.String({ description: 'Affluent: the currency of the prices (EUR by default)' }),
  review_status: Type.String({ description: 'Affluent: pending, approved or declined by the operator' }),
  created: Type.String({ format: 'date-time' }),
  modified: Type.String({ format: 'date-time' }),
});

const Price = Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 999_999_999_999_999 })));
const Fields = {
  name: Type.String({ maxLength: 120 }),
  url: Type.String({ maxLength: 2000 }),
  notification_url: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  price_from: Price,
  price_till: Price,
  price_currency: Type.Optional(Type.String({ maxLength: 3 })),
  support_email: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  support_phone: Type.Optional(Nullable(Type.String({ maxLength: 15 }))),
  category: Type.Integer({ minimum: 0, maximum: 9999 }),
};
const AddBody = Type.Object(Fields, { additionalProperties: false });
const UpdateBody = Type.Object(
  {
    ...Fields,
    name: Type.Optional(Fields.name),
    url: Type.Optional(Fields.url),
    category: Type.Optional(Fields.category),
  },
  { additionalProperties: false },
);
const SiteParams = Type.Object({ site_id: Id });
const Category = Type.Object({ code: Type.Integer(), description: Type.String() });

const NAMES = { category_code: 'category' };

const site = (s: SiteView) => ({
  id: s.id,
  account_id: s.affiliate_id,
  name: s.name,
  url: s.url,
  notification_url: s.notification_url,
  price_from: s.price_from === null ? null : Number(s.price_from),
  price_till: s.price_till === null ? null : Number(s.price_till),
  support_email: s.support_email,
  support_phone: s.support_phone,
  api_key: null,
  category: s.category_code,
  price_currency: s.price_currency,
  review_status: s.review_status,
  created: s.created_at.toISOString(),
  modified: s.updated_at.toISOString(),
});

function siteInput(body: Partial<Static<typeof AddBody>>): SiteInput {
  const { category, ...rest } = body;
  return { ...rest, ...(category === undefined ? {} : { category_code: category }) };
}

export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };
  const LIMITS =
    '`name` at most 120 characters, `support_email` 64, `support_phone` 15; `category` a code of `GET /categories`; prices in minor units of `price_currency` (EUR by default), `price_till` at least `price_from`.';

  app.get(
    '/accounts/:account_id/sites',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: "List sites: the affiliate's websites",
        description: 'Newest first; `offset`, `limit` (100, at most 500).',
        params: AccountParams,
        querystring: Type.Object(PagingQuery(500, 100)),
        response: { 200: OkList(Site), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id } = request.params;
      await getAffiliate(db(), account_id);
      const { offset = 0, limit = 100 } = request.query;
      const page = await listSites({ db: db(), filter: { affiliateId: account_id }, limit, offset });
      return okList(page.data.map(site), page.total);
    },
  );

  app.post(
    '/accounts/:account_id/sites',
    {
      preValidation: mspKey('write'),
      schema: {
        ...common,
        summary: 'Add a site to the affiliate',
        description: `${LIMITS} A new site waits for the operator's review (\`review_status\` pending). Every bad field is listed at once.`,
        params: AccountParams,
        querystring: KeyQuery,
        body: AddBody,
        response: { 200: Ok(Site), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const created = await withVendorFieldNames(NAMES, () =>
        createSite({
          db: db(),
          actor: actorOf(request),
          affiliateId: request.params.account_id,
          input: siteInput(request.body),
        }),
      );
      return ok(site(created));
    },
  );

  app.get(
    '/sites/:site_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get site',
        params: SiteParams,
        querystring: KeyQuery,
        response: { 200: Ok(Site), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => ok(site(await getSite({ db: db(), id: request.params.site_id, scope: {} }))),
  );

  app.patch(
    '/sites/:site_id',
    {
      preValidation: mspKey('write'),
      schema: {
        ...common,
        summary: 'Update site',
        description: `Only the fields sent change (null clears an optional one). ${LIMITS} A reviewed site whose address or category changes goes back to review.`,
        params: SiteParams,
        querystring: KeyQuery,
        body: UpdateBody,
        response: { 200: Ok(Site), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const updated = await withVendorFieldNames(NAMES, () =>
        updateSite({
          db: db(),
          actor: actorOf(request),
          id: request.params.site_id,
          scope: {},
          input: siteInput(request.body),
        }),
      );
      return ok(site(updated));
    },
  );

  app.get(
    '/categories',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List website categories',
        description:
          'The fixed reference list of business categories a site is classified in (100 Gifts and gadgets ... 114 Other, 999 Adult).',
        querystring: KeyQuery,
        response: { 200: OkList(Category), ...mspErrors(401, 403, 422) },
      },
    },
    async () => {
      const list = listSiteCategories();
      return okList(list, list.length);
    },
  );
};
