import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findOrCreatePromo } from '../../../core/catalog/promos/find-or-create-promo.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { IdRef, Nullable, Promo } from '../../schemas/tracking.ts';
import { withVendorFieldNames } from '../field-names.ts';

/** Smartico's names for the fields of a direct promo. */
const NAMES = { destination_link_id: 'link_id', traffic_source_id: 'source_id' };

/**
 * Smartico's af2_build_link, served at /api/v1/tracking-links: its `link_id` and `source_id` are
 * our destination link and traffic source.
 */
export const smarticoBuildLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;
  const tags = ['promos'];

  app.post(
    '/tracking-links',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Build a tracking link for an affiliate and destination link (Smartico af2_build_link)',
        description:
          "Finds or creates the promo of this affiliate, link and traffic source (in `campaign_id`, or the affiliate's first active campaign of the link's brand, created when there is none). The same input gives back the same link (200); a new one answers 201.",
        body: Type.Object(
          {
            link_id: IdRef,
            affiliate_id: IdRef,
            source_id: Type.Optional(Nullable(IdRef)),
            campaign_id: Type.Optional(IdRef),
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          {
            200: Type.Object({ tracking_link: Type.String(), promo: Promo }),
            201: Type.Object({ tracking_link: Type.String(), promo: Promo }),
          },
          401,
          403,
          409,
          422,
        ),
      },
    },
    async (request, reply) => {
      const { link_id, source_id, ...rest } = request.body;
      const input = { ...rest, destination_link_id: link_id, traffic_source_id: source_id };
      const { promo, created } = await withVendorFieldNames(NAMES, () =>
        findOrCreatePromo({ db: db(), actor: actorOf(request), input, publicUrl }),
      );
      return reply.status(created ? 201 : 200).send({ tracking_link: promo.tracking_link, promo });
    },
  );
};
