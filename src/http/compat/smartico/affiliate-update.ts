import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { listAffiliateUsers } from '../../../core/affiliates/list-affiliate-users.ts';
import { type CustomTagValue, patchAffiliate } from '../../../core/affiliates/patch-affiliate.ts';

type AffiliateInput = Parameters<typeof patchAffiliate>[0]['input'];

import type { MessengerKey } from '../../../core/affiliates/state.ts';
import { updateAffiliateUser } from '../../../core/affiliates/update-affiliate-user.ts';
import { recordOperatorChange } from '../../../core/audit/record-operator-change.ts';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { disableTwoFactor } from '../../../core/identity/two-factor/disable-two-factor.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { actorOf } from '../../actor.ts';
import { changeContext } from '../../routes/operator/affiliates-context.ts';
import { Nullable } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import { ownerOf, smarticoAffiliate } from './affiliate-row.ts';
import { SmarticoAffiliate } from './affiliate-schema.ts';
import { rowContext, SMARTICO_INTRO, SMARTICO_TAGS, smarticoKey, smarticoSecurity } from './common.ts';
import { smarticoErrors } from './errors.ts';
import { fromSmarticoStatus, toSmarticoStatus } from './status.ts';
import { AFFILIATE_FIELDS, MESSENGER_FIELDS, OWNER_FIELDS } from './vocabulary.ts';

const Text = (maxLength: number) => Type.String({ maxLength });
const NullText = (maxLength: number) => Nullable(Text(maxLength));
const CUSTOM_PROP = '^custom_prop_[1-9][0-9]{0,8}$';

const Body = Type.Object(
  {
    comments: Type.Optional(NullText(10_000)),
    company: Type.Optional(NullText(200)),
    country: Type.Optional(NullText(2)),
    web_site_url: Type.Optional(NullText(2000)),
    comments_from_operator: Type.Optional(NullText(10_000)),
    aff_status_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, examples: [2] })),
    ext_affiliate_id: Type.Optional(NullText(200)),
    no_carry_over: Type.Optional(Type.Boolean()),
    manager_id: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
    bo_user_email: Type.Optional(Text(320)),
    two_fa_enabled: Type.Optional(Type.Boolean()),
    api_access_enabled: Type.Optional(Type.Boolean()),
    first_name: Type.Optional(Text(100)),
    last_name: Type.Optional(Text(100)),
    phone_number: Type.Optional(NullText(50)),
    skype: Type.Optional(NullText(200)),
    contact_fb: Type.Optional(NullText(200)),
    contact_vk: Type.Optional(NullText(200)),
    contact_telegram: Type.Optional(NullText(200)),
    contact_discord: Type.Optional(NullText(200)),
    language: Type.Optional(NullText(16)),
  },
  {
    additionalProperties: false,
    patternProperties: {
      [CUSTOM_PROP]: Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    },
  },
);
type BodyT = Record<string, unknown> & {
  aff_status_id?: number;
  first_name?: string;
  last_name?: string;
  bo_user_email?: string;
  two_fa_enabled?: boolean;
};

/** Native error paths in Smartico's names, for the fields of both writes. */
const NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(AFFILIATE_FIELDS).map(([s, n]) => [n, s])),
  email: 'bo_user_email',
  custom_tags: 'custom_prop',
};
const blank = (v: unknown) => (v === null ? '' : v);

/** The native patch of the affiliate's own fields. */
function affiliateInput(body: BodyT): AffiliateInput {
  const input: Record<string, unknown> = {};
  const set = (smartico: string, value: unknown) => {
    if (value !== undefined) input[AFFILIATE_FIELDS[smartico]!] = value;
  };
  set('comments', body.comments === undefined ? undefined : blank(body.comments));
  set(
    'comments_from_operator',
    body.comments_from_operator === undefined ? undefined : blank(body.comments_from_operator),
  );
  for (const f of [
    'company',
    'web_site_url',
    'ext_affiliate_id',
    'no_carry_over',
    'manager_id',
    'api_access_enabled',
    'phone_number',
    'language',
  ])
    set(f, body[f]);
  const out = input as AffiliateInput;
  if (body.country !== undefined)
    out.address = { country_code: (body.country as string | null)?.toUpperCase() ?? null };
  const messengers: Partial<Record<MessengerKey, string | null>> = {};
  for (const [field, key] of Object.entries(MESSENGER_FIELDS))
    if (body[field] !== undefined) messengers[key] = body[field] as string | null;
  if (Object.keys(messengers).length) out.messengers = messengers;
  return out;
}

export const affiliateUpdateRoute: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  app.put(
    '/api/af2_aff_op/:id',
    {
      preValidation: smarticoKey('write'),
      schema: {
        tags: SMARTICO_TAGS,
        security: smarticoSecurity,
        summary: 'Update affiliate details (Smartico af2_aff_op)',
        description: `${SMARTICO_INTRO}\n\nOnly the fields sent change, through the native partial update (same validation, history and events; its door in the history is \`compat_smartico\`), and the owner user's fields (\`first_name\`, \`last_name\`, \`bo_user_email\`) in the same transaction. \`custom_prop_<tag id>\` sets that custom tag to a value id (null takes it off). \`two_fa_enabled: false\` turns the owner's two-factor authentication off (they set it up again); \`true\` is refused unless it is on (only the user can turn it on). \`aff_status_id: 1\` (Pending) is refused with 409 for an account that left pending (Affluent never moves one back; use 4 Suspended or 5 ViewOnly) and the refusal is in the audit log; 4 for an inactive account keeps it inactive (it reads as 4). Answers the affiliate as GET shows it.`,
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        body: Body,
        response: {
          200: SmarticoAffiliate,
          ...smarticoErrors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body as BodyT;
      const current = await getAffiliate(db(), id);
      const input = affiliateInput(body);
      if (body.aff_status_id !== undefined) {
        const wanted = fromSmarticoStatus(body.aff_status_id)!;
        if (wanted === 'pending' && current.status !== 'pending') {
          await recordOperatorChange(db(), {
            entity: 'affiliate',
            id,
            action: 'smartico_status_refused',
            actor: actorOf(request),
            detail: { requested: 'aff_status_id 1 (Pending)', status: current.status },
          });
          throw new AppError(
            'invalid_state',
            `aff_status_id 1 (Pending) is refused: the affiliate is ${toSmarticoStatus(current.status).name} (${current.status}) and an account never returns to pending; use 4 (Suspended) or 5 (ViewOnly)`,
            { fields: [{ path: 'aff_status_id', message: 'an account never returns to Pending' }] },
          );
        }
        // The same Smartico status as now changes nothing (4 is suspended and inactive alike).
        if (toSmarticoStatus(current.status).id !== body.aff_status_id) input.status = wanted;
      }
      const customTagValues: CustomTagValue[] = Object.entries(body)
        .filter(([k]) => new RegExp(CUSTOM_PROP).test(k))
        .map(([k, v]) => ({ tag_id: Number(k.slice('custom_prop_'.length)), value_id: v as number | null }));
      const userInput = Object.fromEntries(
        (['first_name', 'last_name', 'bo_user_email'] as const)
          .filter((f) => body[f] !== undefined)
          .map((f) => [f === 'bo_user_email' ? 'email' : f, body[f]]),
      );
      const ctx = changeContext(request, 'compat_smartico');
      await withVendorFieldNames(NAMES, () =>
        inTransaction(db(), async (trx) => {
          await patchAffiliate({ db: trx, ...ctx, id, input, customTagValues });
          const wantsUser = Object.keys(userInput).length > 0 || body.two_fa_enabled !== undefined;
          if (!wantsUser) return;
          const owner = ownerOf(await listAffiliateUsers(trx, id));
          if (!owner)
            throw new AppError(
              'invalid_state',
              `the affiliate has no user for ${Object.keys(OWNER_FIELDS).join(', ')}`,
            );
          if (Object.keys(userInput).length)
            await updateAffiliateUser({
              db: trx,
              ...ctx,
              affiliateId: id,
              userId: owner.id,
              input: userInput,
            });
          if (body.two_fa_enabled === true && !owner.two_factor_enabled)
            throw new AppError(
              'invalid_state',
              'two_fa_enabled: only the user turns two-factor authentication on, in the portal',
              {
                fields: [{ path: 'two_fa_enabled', message: 'can only be turned off here' }],
              },
            );
          if (body.two_fa_enabled === false && owner.two_factor_enabled)
            await disableTwoFactor({
              db: trx,
              env: identityEnv(app.deps.config),
              jobs: app.deps.jobs,
              userId: owner.id,
              code: null,
              actor: actorOf(request),
            });
        }),
      );
      return smarticoAffiliate(await rowContext(request), id);
    },
  );
};
