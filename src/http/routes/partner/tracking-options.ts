import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listActiveTrafficSources } from '../../../core/affiliates/lists/list-active-traffic-sources.ts';
import { getReferralLink } from '../../../core/affiliates/referral-link.ts';
import { listBrands } from '../../../core/catalog/brands/list-brands.ts';
import { getCampaign } from '../../../core/catalog/campaigns/get-campaign.ts';
import { listDestinationLinks } from '../../../core/catalog/links/list-destination-links.ts';
import { listMedia } from '../../../core/catalog/media/list-media.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import {
  AUDIENCES,
  DestinationLink,
  IdRef,
  MEDIA_FORMATS,
  Media,
  ORIENTATIONS,
} from '../../schemas/tracking.ts';
import { scopeOf } from './campaigns.ts';

const PartnerBrand = Type.Object(
  { id: Type.Integer(), name: Type.String(), base_currency: Type.String() },
  { $id: 'PartnerBrand' },
);
const TrafficSource = Type.Object({ id: Type.Integer(), name: Type.String(), description: Type.String() });

/** What the portal offers when building links: brands, landings, banners, traffic sources. */
export const partnerTrackingOptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;
  const tags = ['portal: campaigns'];
  const preValidation = requirePartner();

  app.get(
    '/brands',
    {
      preValidation,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Brands I can create campaigns for',
        response: withErrors({ 200: Type.Object({ data: Type.Array(PartnerBrand) }) }, 401, 403),
      },
    },
    async () => ({
      data: (await listBrands(db(), { enabled: true })).map(({ id, name, base_currency }) => ({
        id,
        name,
        base_currency,
      })),
    }),
  );

  app.get(
    '/destination-links',
    {
      preValidation,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Landings I may use: public ones and private ones granted to me',
        querystring: Type.Object(
          { brand_id: Type.Optional(IdRef), audience: Type.Optional(StringEnum(AUDIENCES)) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ data: Type.Array(DestinationLink) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listDestinationLinks(db(), request.query, scopeOf(request)) }),
  );

  app.get(
    '/campaigns/:id/promo-options',
    {
      preValidation,
      schema: {
        tags,
        security: partnerSecurity,
        summary: "Step 1 of adding a promo: the traffic sources and the landings of the campaign's brand",
        params: IdParams,
        response: withErrors(
          {
            200: Type.Object({
              destination_links: Type.Array(DestinationLink),
              traffic_sources: Type.Array(TrafficSource),
            }),
          },
          401,
          403,
          404,
        ),
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const campaign = await getCampaign(db(), request.params.id, scope);
      const [links, sources] = await Promise.all([
        listDestinationLinks(db(), { brand_id: campaign.brand_id }, scope),
        listActiveTrafficSources(db()),
      ]);
      return { destination_links: links, traffic_sources: sources };
    },
  );

  app.get(
    '/media',
    {
      preValidation,
      schema: {
        tags,
        security: partnerSecurity,
        summary: "Banners I may use (step 2 of adding a promo), with the seed's filters",
        querystring: Type.Object(
          {
            title: Type.Optional(Type.String({ maxLength: 200 })),
            language: Type.Optional(Type.String({ maxLength: 20 })),
            format: Type.Optional(StringEnum(MEDIA_FORMATS)),
            privacy: Type.Optional(StringEnum(['public', 'private'] as const)),
            width: Type.Optional(Type.Integer({ minimum: 1 })),
            height: Type.Optional(Type.Integer({ minimum: 1 })),
            tag: Type.Optional(Type.String({ maxLength: 100 })),
            orientation: Type.Optional(StringEnum(ORIENTATIONS)),
            brand_id: Type.Optional(IdRef),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Media) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listMedia(db(), publicUrl, request.query, scopeOf(request)) }),
  );

  app.get(
    '/referral-link',
    {
      preValidation,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My sub-affiliate referral link',
        description: 'Whoever signs up through it becomes my sub-affiliate.',
        response: withErrors(
          { 200: Type.Object({ affiliate_id: Type.Integer(), code: Type.String(), url: Type.String() }) },
          401,
          403,
        ),
      },
    },
    async (request) => getReferralLink(db(), request.partner!.affiliate.id, publicUrl),
  );
};
