// Smartico's af2_pixel_definitions_op: an affiliate's pixel definitions are native postbacks of the
// account scope, listed, created and changed through the postbacks core (its checks of the URL
// template, the plan and the delivery apply), in Smartico's numbers (pixels.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { createPostback } from '../../../core/postbacks/create-postback.ts';
import { getPostback } from '../../../core/postbacks/get-postback.ts';
import { listPostbacks } from '../../../core/postbacks/list-postbacks.ts';
import { updatePostback } from '../../../core/postbacks/update-postback.ts';
import { actorOf } from '../../actor.ts';
import { managerScope } from '../../routes/operator/manager-scope.ts';
import { Nullable } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import { MAX_RANGE, parseRange } from './affiliate-query.ts';
import { SMARTICO_INTRO, SMARTICO_TAGS, smarticoKey, smarticoSecurity } from './common.ts';
import { smarticoErrors } from './errors.ts';
import {
  fromSmarticoDeal,
  fromSmarticoStatus,
  PIXEL_FIELD_NAMES,
  SMARTICO_DELIVERIES,
  SMARTICO_TRIGGERS,
  toSmarticoPixel,
} from './pixels.ts';

type PostbackInput = Parameters<typeof createPostback>[0]['input'];

const MAX_INT = 2_147_483_647;
const Id = Type.Integer({ minimum: 1, maximum: MAX_INT });
const TRIGGER_HELP = '1 Lead created, 2 Lead qualified, 3 FTD made, 4 Qualified FTD made';
const TYPE_HELP = '1 server-to-server HTTP call, 2 client image, 3 client iframe, 4 client JavaScript';
const STATUS_HELP = '1 active, 2 inactive';
const DEAL_HELP = 'The deal (commission plan) id it fires for; -1 for every deal of the affiliate';
const TriggerId = Type.Integer({ minimum: 1, maximum: 4, description: TRIGGER_HELP });
const TypeId = Type.Integer({ minimum: 1, maximum: 4, description: TYPE_HELP });
const Status = Type.Union([Type.Literal(1), Type.Literal(2)], { description: STATUS_HELP });
const Deal = Type.Union([Type.Literal(-1), Id], { description: DEAL_HELP });

export const PixelDefinition = Type.Object(
  {
    id: Type.Integer({ description: 'The pixel definition (native postback) id' }),
    pixel_trigger_type_id: Nullable(
      Type.Integer({
        description: `${TRIGGER_HELP}; null for a native trigger Smartico has no number for (deposit, sale, refund, chargeback, commission_approved)`,
      }),
    ),
    pixel_type_id: Type.Integer({
      description: `${TYPE_HELP} (a native server-to-server POST shows as 1)`,
    }),
    pixel_name: Type.String(),
    pixel: Type.String({ description: 'The URL template with {{name}} variables (the postback variables)' }),
    affiliate_id: Type.Integer(),
    deal_id: Type.Integer({ description: DEAL_HELP }),
    pixel_status: Type.Integer({ description: STATUS_HELP }),
  },
  { description: 'A pixel definition, in the document’s field order' },
);

/** The document's create sends affiliate_id as a string ("166368"); a number is taken too. */
const AffiliateRef = Type.Union([Id, Type.String({ pattern: '^[1-9][0-9]{0,9}$', maxLength: 10 })]);
const Template = Type.String({ minLength: 1, maxLength: 2000 });
const Name = Type.String({ maxLength: 200 });

const CreateBody = Type.Object(
  {
    affiliate_id: AffiliateRef,
    pixel_status: Type.Optional(Status),
    pixel_type_id: Type.Optional(TypeId),
    pixel_trigger_type_id: TriggerId,
    pixel: Template,
    pixel_name: Type.Optional(Name),
    deal_id: Type.Optional(Deal),
  },
  { additionalProperties: false },
);

const UpdateBody = Type.Object(
  {
    id: Type.Optional(Id),
    affiliate_id: Type.Optional(AffiliateRef),
    pixel_status: Type.Optional(Status),
    pixel_type_id: Type.Optional(TypeId),
    pixel_trigger_type_id: Type.Optional(TriggerId),
    pixel: Type.Optional(Template),
    pixel_name: Type.Optional(Name),
    deal_id: Type.Optional(Deal),
  },
  { additionalProperties: false },
);

type Fields = {
  pixel_status?: 1 | 2;
  pixel_type_id?: number;
  pixel_trigger_type_id?: number;
  pixel?: string;
  pixel_name?: string;
  deal_id?: number;
};

/** The native fields of the Smartico ones sent (only those: an update changes nothing else). */
function nativeFields(body: Fields): Partial<PostbackInput> {
  const input: Partial<PostbackInput> = {};
  if (body.pixel_name !== undefined) input.name = body.pixel_name;
  if (body.pixel !== undefined) input.url = body.pixel;
  if (body.pixel_trigger_type_id !== undefined)
    input.trigger = SMARTICO_TRIGGERS[body.pixel_trigger_type_id as 1];
  if (body.pixel_type_id !== undefined) input.delivery = SMARTICO_DELIVERIES[body.pixel_type_id as 1];
  if (body.pixel_status !== undefined) input.status = fromSmarticoStatus(body.pixel_status);
  if (body.deal_id !== undefined) input.plan_id = fromSmarticoDeal(body.deal_id);
  return input;
}

/**
 * The list's query: `affiliate_id` (optional: every affiliate's without it) and `range` as in
 * af2_aff_op. Read here too because the curl POST of the document reaches the list unvalidated.
 */
function listQuery(query: Record<string, unknown>) {
  const problems: FieldError[] = [];
  const raw = query.affiliate_id;
  let affiliateId: number | undefined;
  if (raw !== undefined) {
    const text = String(raw);
    affiliateId = Number(text);
    if (!/^[1-9][0-9]{0,9}$/.test(text) || affiliateId > MAX_INT)
      problems.push({ path: 'affiliate_id', message: 'must be an affiliate id (a whole number from 1)' });
  }
  const range = parseRange(typeof query.range === 'string' ? query.range : undefined, problems);
  for (const key of Object.keys(query))
    if (key !== 'affiliate_id' && key !== 'range')
      problems.push({
        path: key,
        message: 'is not a parameter of af2_pixel_definitions_op (affiliate_id, range)',
      });
  if (problems.length) throw AppError.validation(problems);
  return { affiliateId, ...range };
}

async function listPixels(request: FastifyRequest, reply: FastifyReply) {
  const { affiliateId, offset, limit } = listQuery(request.query as Record<string, unknown>);
  const db = request.server.deps.database.db;
  if (affiliateId !== undefined) {
    const found = await db
      .selectFrom('affiliates')
      .select('id')
      .where('id', '=', affiliateId)
      .executeTakeFirst();
    if (!found) throw AppError.notFound(`affiliate ${affiliateId}`);
  }
  const page = await listPostbacks({
    db,
    filter: { affiliate_id: affiliateId },
    limit,
    offset,
    scope: managerScope(request),
  });
  const last = offset + page.data.length - 1;
  reply.header(
    'content-range',
    page.data.length
      ? `af2_pixel_definitions_op ${offset}-${last}/${page.total}`
      : `af2_pixel_definitions_op */${page.total}`,
  );
  return page.data.map(toSmarticoPixel);
}

/** A POST without a body is the document's list call: its curl sends `--data ''`, which POSTs. */
const bodilessIsList = async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.body !== undefined) return smarticoKey('write')(request);
  await smarticoKey('read')(request);
  // Sent as text: this route's response schema is the created definition, not the list.
  const rows = await listPixels(request, reply);
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(rows));
};

const affiliateIdOf = (ref: number | string) => Number(ref);

export const pixelDefinitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: SMARTICO_TAGS, security: smarticoSecurity };
  const vocabulary =
    'Each definition is a native postback of the account scope (`/api/v1/postbacks`): `pixel_name` its name, `pixel` its URL template (`{{deal_id}}` and the other postback variables), `pixel_trigger_type_id` its trigger (1 registration, 2 qualified_lead, 3 first_deposit, 4 qualified_first_deposit), `pixel_type_id` its delivery (1 s2s_get, 2 image, 3 iframe, 4 javascript), `deal_id` its plan (-1 every plan), `pixel_status` its status (1 active, 2 inactive).';

  app.get(
    '/api/af2_pixel_definitions_op',
    {
      preValidation: smarticoKey('read'),
      schema: {
        ...common,
        summary: 'List pixel definitions (postbacks) of an affiliate (Smartico af2_pixel_definitions_op)',
        description: `${SMARTICO_INTRO}\n\n${vocabulary} Newest first, up to ${MAX_RANGE} a call (\`range=[from, to]\` as af2_aff_op's, with its \`Content-Range\`); without \`affiliate_id\`, every affiliate's. The document's curl (\`--data ''\`) sends a POST without a body: that is answered as this list.`,
        querystring: Type.Object({
          affiliate_id: Type.Optional(Id),
          range: Type.Optional(Type.String({ maxLength: 100, description: '[from, to]' })),
        }),
        response: { 200: Type.Array(PixelDefinition), ...smarticoErrors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => listPixels(request, reply),
  );

  app.post(
    '/api/af2_pixel_definitions_op',
    {
      preValidation: bodilessIsList,
      config: { emptyFormBody: true },
      schema: {
        ...common,
        summary: 'Create a pixel definition (Smartico af2_pixel_definitions_op)',
        description: `${SMARTICO_INTRO}\n\n${vocabulary} \`affiliate_id\` is a number or, as in the document, a string of digits. Left out: \`pixel_type_id\` 1, \`pixel_status\` 1, \`deal_id\` -1, \`pixel_name\` empty. The template is checked as the native one is (every mistake named). Answers 200 with the definition as the list shows it.`,
        body: CreateBody,
        response: { 200: PixelDefinition, ...smarticoErrors(400, 401, 403, 404, 415, 422) },
      },
    },
    async (request) => {
      const { affiliate_id, ...fields } = request.body;
      const input = { scope: 'account', ...nativeFields(fields) } as PostbackInput;
      const created = await withVendorFieldNames(PIXEL_FIELD_NAMES, () =>
        createPostback({
          db: db(),
          actor: actorOf(request),
          affiliateId: affiliateIdOf(affiliate_id),
          input,
          scope: managerScope(request),
        }),
      );
      return toSmarticoPixel(created);
    },
  );

  app.put(
    '/api/af2_pixel_definitions_op/:id',
    {
      preValidation: smarticoKey('write'),
      schema: {
        ...common,
        summary: 'Update a pixel definition (Smartico af2_pixel_definitions_op)',
        description: `${SMARTICO_INTRO}\n\nOnly the fields sent change; the whole definition is checked again as the native update does (turning it active again clears an automatic disable). \`id\` and \`affiliate_id\` may be sent back as read (another value is 422: a definition stays with its affiliate). Answers the definition as the list shows it.`,
        params: Type.Object({ id: Id }),
        body: UpdateBody,
        response: { 200: PixelDefinition, ...smarticoErrors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { id: bodyId, affiliate_id, ...fields } = request.body;
      const scope = managerScope(request);
      const current = await getPostback({ db: db(), id, scope });
      const problems: FieldError[] = [];
      if (bodyId !== undefined && bodyId !== id)
        problems.push({ path: 'id', message: `must be the id in the URL (${id}) or left out` });
      if (affiliate_id !== undefined && affiliateIdOf(affiliate_id) !== current.affiliate_id)
        problems.push({
          path: 'affiliate_id',
          message: `a definition stays with its affiliate (${current.affiliate_id})`,
        });
      if (problems.length) throw AppError.validation(problems);
      const updated = await withVendorFieldNames(PIXEL_FIELD_NAMES, () =>
        updatePostback({ db: db(), actor: actorOf(request), id, input: nativeFields(fields), scope }),
      );
      return toSmarticoPixel(updated);
    },
  );
};
