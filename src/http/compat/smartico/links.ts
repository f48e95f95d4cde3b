// Smartico's destination links (GET af2_link_op) from the native catalog, and its private API's
// af2_build_link through the native findOrCreatePromo, the call POST /api/v1/tracking-links makes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listBrands } from '../../../core/catalog/brands/list-brands.ts';
import { listDestinationLinks } from '../../../core/catalog/links/list-destination-links.ts';
import { findOrCreatePromo } from '../../../core/catalog/promos/find-or-create-promo.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { actorOf } from '../../actor.ts';
import { managerScope } from '../../routes/operator/manager-scope.ts';
import { Nullable, StringEnum } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import { MAX_RANGE, parseJson, parseRange } from './affiliate-query.ts';
import { SMARTICO_INTRO, SMARTICO_TAGS, smarticoKey, smarticoSecurity } from './common.ts';
import { smarticoErrors } from './errors.ts';
import { LINK_TYPES, SmarticoLink, smarticoLink } from './link-row.ts';

const MAX_INT = 2_147_483_647;
const Id = Type.Integer({ minimum: 1, maximum: MAX_INT });
const LINK_FILTERS = ['id', 'link_id', 'brand_id', 'enabled', 'is_public', 'affiliate_id'] as const;
type LinkFilterField = (typeof LINK_FILTERS)[number];

const isId = (n: unknown): n is number =>
  Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_INT;

/** `filter` of af2_link_op: ids (one or a list), booleans, and the affiliate whose links to show. */
function linkFilterOf(raw: string | undefined, problems: FieldError[]) {
  const value = parseJson(raw, 'filter', problems);
  const out: {
    ids?: number[];
    brandIds?: number[];
    enabled?: boolean;
    isPublic?: boolean;
    affiliateId?: number;
  } = {};
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ path: 'filter', message: 'must be a JSON object of fields' });
    return out;
  }
  for (const [field, v] of Object.entries(value)) {
    const path = `filter.${field}`;
    if (!LINK_FILTERS.includes(field as LinkFilterField)) {
      problems.push({ path, message: `is not a filter of af2_link_op (use ${LINK_FILTERS.join(', ')})` });
      continue;
    }
    if (field === 'enabled' || field === 'is_public') {
      if (typeof v !== 'boolean') problems.push({ path, message: 'must be true or false' });
      else if (field === 'enabled') out.enabled = v;
      else out.isPublic = v;
    } else if (field === 'affiliate_id') {
      if (!isId(v)) problems.push({ path, message: 'must be an affiliate id' });
      else out.affiliateId = v;
    } else {
      const list = Array.isArray(v) ? v : [v];
      if (list.length > MAX_RANGE || !list.every(isId)) {
        problems.push({ path, message: 'must be an id or an array of at most 1000 ids' });
        continue;
      }
      const ids = list as number[];
      if (field === 'brand_id') out.brandIds = ids;
      // id and link_id are the same number: both given, a link must match both.
      else out.ids = out.ids ? out.ids.filter((i) => ids.includes(i)) : ids;
    }
  }
  return out;
}

async function listLinks(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as { filter?: unknown; range?: unknown };
  const problems: FieldError[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const filter = linkFilterOf(text(query.filter), problems);
  const { offset, limit } = parseRange(text(query.range), problems);
  if (problems.length) throw AppError.validation(problems);
  const db = request.server.deps.database.db;
  const scope = managerScope(request);
  const [links, brands] = await Promise.all([
    listDestinationLinks(
      db,
      {
        ...(filter.brandIds?.length === 1 ? { brand_id: filter.brandIds[0] } : {}),
        ...(filter.enabled !== undefined ? { enabled: filter.enabled } : {}),
        ...(filter.affiliateId !== undefined ? { visible_to_affiliate_id: filter.affiliateId } : {}),
      },
      scope,
    ),
    listBrands(db),
  ]);
  const matching = links.filter(
    (l) =>
      (filter.ids === undefined || filter.ids.includes(l.id)) &&
      (filter.brandIds === undefined || filter.brandIds.includes(l.brand_id)) &&
      (filter.isPublic === undefined || l.is_public === filter.isPublic),
  );
  const page = matching.slice(offset, offset + limit);
  reply.header(
    'content-range',
    page.length
      ? `af2_link_op ${offset}-${offset + page.length - 1}/${matching.length}`
      : `af2_link_op */${matching.length}`,
  );
  const brandOf = new Map(brands.map((b) => [b.id, b]));
  return page.map((l) => smarticoLink(l, brandOf.get(l.brand_id)));
}

const LinkParams = Type.Object(
  {
    link_id: Id,
    affiliate_id: Id,
    source_id: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
const BuildLinkBody = Type.Object(
  {
    method: StringEnum(['af2_build_link'] as const, { description: 'The private API method' }),
    params: Type.Object({ linkParams: LinkParams }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
const BuiltLink = Type.Object(
  {
    errCode: Type.Literal(0, { description: '0: done (errors carry the HTTP status)' }),
    tracking_link: Type.String({ description: 'The link the affiliate publishes' }),
    link_id: Type.Integer(),
    affiliate_id: Type.Integer(),
    source_id: Nullable(Type.Integer()),
    promo_id: Type.Integer({ description: 'The native promo behind the link' }),
  },
  { description: 'The tracking link built (or found: the same input gives the same link)' },
);

/** Native error paths of a direct promo in the names sent. */
const BUILD_NAMES = {
  destination_link_id: 'params.linkParams.link_id',
  affiliate_id: 'params.linkParams.affiliate_id',
  traffic_source_id: 'params.linkParams.source_id',
};

const linkTypeTable = Object.entries(LINK_TYPES)
  .map(([native, t]) => `${t.id} ${t.name} (\`${native}\`)`)
  .join(', ');

export const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: SMARTICO_TAGS, security: smarticoSecurity };
  const listDescription = `${SMARTICO_INTRO}\n\nThe destination links of the catalog (\`/api/v1/destination-links\`), by id, up to ${MAX_RANGE} a call. \`filter\` is a JSON object of \`id\`/\`link_id\` and \`brand_id\` (an id or an array of ids), \`enabled\` and \`is_public\` (true or false) and \`affiliate_id\` (the links that affiliate may use: public ones and private ones granted to it); \`range=[from, to]\` and \`Content-Range\` as af2_aff_op's. link_type_id: ${linkTypeTable}. The document's curl (\`--data ''\`) sends a POST without a body: it is answered as this GET.`;
  const Query = Type.Object({
    filter: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object' })),
    range: Type.Optional(Type.String({ maxLength: 100, description: '[from, to]' })),
  });

  app.get(
    '/api/af2_link_op',
    {
      preValidation: smarticoKey('read'),
      schema: {
        ...common,
        summary: 'Get a list of destination links (Smartico af2_link_op)',
        description: listDescription,
        querystring: Query,
        response: { 200: Type.Array(SmarticoLink), ...smarticoErrors(401, 403, 422) },
      },
    },
    listLinks,
  );

  // What `curl --data ''` sends: kept out of the document, which shows the GET.
  app.post(
    '/api/af2_link_op',
    {
      preValidation: smarticoKey('read'),
      config: { emptyFormBody: true },
      schema: { hide: true, querystring: Query, response: { 200: Type.Array(SmarticoLink) } },
    },
    async (request, reply) => {
      if (request.body !== undefined)
        throw new AppError('bad_request', 'af2_link_op takes no body: send a GET');
      return listLinks(request, reply);
    },
  );

  app.post(
    '/api/private-api',
    {
      preValidation: smarticoKey('write'),
      schema: {
        ...common,
        summary:
          "Build a tracking link for an affiliate and destination link (Smartico private-api's af2_build_link)",
        description: `${SMARTICO_INTRO}\n\n\`method\` \`af2_build_link\` with \`params.linkParams\`: \`link_id\` the destination link, \`affiliate_id\`, \`source_id\` the traffic source (null or left out: none). Finds or creates the affiliate's direct promo for them (in its first active campaign of the link's brand, created when there is none), as \`POST /api/v1/tracking-links\` does: the same input gives back the same link. A private link not granted to the affiliate, a disabled one or an unknown id is 422 naming the field. Answers 200 with \`errCode: 0\` and the link.`,
        body: BuildLinkBody,
        response: { 200: BuiltLink, ...smarticoErrors(400, 401, 403, 409, 415, 422) },
      },
    },
    async (request) => {
      const { link_id, affiliate_id, source_id } = request.body.params.linkParams;
      const input = { destination_link_id: link_id, affiliate_id, traffic_source_id: source_id ?? null };
      const { promo } = await withVendorFieldNames(BUILD_NAMES, () =>
        findOrCreatePromo({
          db: app.deps.database.db,
          actor: actorOf(request),
          input,
          publicUrl: app.deps.config.publicUrl,
        }),
      );
      return {
        errCode: 0 as const,
        tracking_link: promo.tracking_link,
        link_id,
        affiliate_id,
        source_id: source_id ?? null,
        promo_id: promo.id,
      };
    },
  );
};
