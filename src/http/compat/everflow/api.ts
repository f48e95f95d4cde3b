// Everflow's network API for affiliates: POST /everflow/v1/networks/affiliatestable, find by id,
// create, full update, bulk edit and patch preview, an operator API key in X-Eflow-API-Key, errors
// as { error }; every read and write is a native core operation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createAffiliate } from '../../../core/affiliates/create-affiliate.ts';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { patchAffiliate } from '../../../core/affiliates/patch-affiliate.ts';
import { searchAffiliates } from '../../../core/affiliates/search-affiliates.ts';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { summarizeAffiliateMoney } from '../../../core/ledger/summarize-affiliate-money.ts';
import { minorUnitOf } from '../../../core/reference/money-format.ts';
import { changeContext } from '../../routes/operator/affiliates-context.ts';
import { StringEnum } from '../../schemas/common.ts';
import { translateAffiliate, translateUsers } from './affiliate-input.ts';
import { toEverflowSignup, toEverflowUser, toTableRow } from './affiliate-row.ts';
import { EVERFLOW_RELATIONSHIPS, everflowAffiliate, startOfDay } from './affiliate-view.ts';
import { everflowBulkEditRoutes } from './bulk-edit.ts';
import {
  EVERFLOW_SOURCE,
  everflowErrors,
  everflowPlugin,
  requireEverflowKey,
  security,
  tags,
} from './http.ts';
import { limitEverflowCalls } from './limit-everflow-calls.ts';
import { everflowMetadataRoutes } from './metadata.ts';
import { CreateBody, UpdateBody } from './schemas.ts';
import { TableBody, TableQuery, tableSearch } from './table-query.ts';
import { vocabularyMarkdown } from './vocabulary.ts';

const Params = Type.Object({ affiliateId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FindQuery = Type.Object({
  relationship: Type.Optional(
    Type.Array(StringEnum(EVERFLOW_RELATIONSHIPS), { maxItems: 13, description: 'Repeat it for several' }),
  ),
});
const Anything = Type.Object({}, { additionalProperties: true, description: 'See the document’s example' });

const AUTH =
  'An operator API key in `X-Eflow-API-Key` (reads need the `read` scope, writes `write`): a missing key is 401 "No Authentication Method Found", an unknown or revoked one 401, one without the scope 403. Errors are `{ "error": "..." }` naming every bad field in Everflow’s names, with 400, 401, 403, 404, 429 or 500. Bodies may carry trailing commas, as the document’s examples do.';

export const everflowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  everflowPlugin(app);
  limitEverflowCalls(app);
  const db = () => app.deps.database.db;
  const publicUrl = app.deps.config.publicUrl;
  await app.register(everflowMetadataRoutes);
  await app.register(everflowBulkEditRoutes);

  app.post(
    '/v1/networks/affiliatestable',
    {
      preValidation: requireEverflowKey('read'),
      schema: {
        tags,
        security,
        summary: 'Fetch Affiliates (Everflow)',
        description: `${AUTH}\n\nSearch terms (\`name\`: every word in the name, company name or email), every filter of the document, \`?page=\` and \`?page_size=\` (1–2000, default 50), \`?relationship=signup\` and \`users\`. \`payment_type\` \`pay\` (Everflow Pay) matches no affiliate. \`network_tracking_domain_ids\` are brand ids (GET /everflow/v1/meta/tracking_domains): affiliates that sent clicks through them. today_revenue: commissions earned since midnight UTC; balance: the available balance; both in the affiliate's default currency.\n\n${vocabularyMarkdown()}`,
        querystring: TableQuery,
        body: TableBody,
        response: { 200: Anything, ...everflowErrors(400, 401, 403, 500) },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.page_size ?? 50;
      const search = tableSearch(request.body);
      const paging = { page, page_size: pageSize };
      if (!search) return { affiliates: [], paging: { ...paging, total_count: 0 } };
      const found = await searchAffiliates(db(), {
        ...search,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      const ids = found.data.map((a) => a.id);
      const money = await summarizeAffiliateMoney({ db: db(), affiliateIds: ids, since: startOfDay() });
      const units = new Map<string, number>();
      for (const m of money.values())
        if (!units.has(m.currency)) units.set(m.currency, await minorUnitOf(db(), m.currency));
      const wanted = [...new Set(request.query.relationship ?? [])];
      const affiliates = [];
      for (const a of found.data) {
        const relationship: Record<string, unknown> = {};
        if (wanted.length) {
          const view = await getAffiliate(db(), a.id, wanted);
          const r = view.relationships as Record<string, unknown>;
          if (r.signup) relationship.signup = toEverflowSignup(r.signup as Record<string, unknown>);
          if (r.users) {
            const users = (r.users as never[]).map(toEverflowUser);
            relationship.users = { total: users.length, entries: users };
          }
        }
        affiliates.push(toTableRow(a, money.get(a.id)!, (c) => units.get(c) ?? 2, relationship));
      }
      return { affiliates, paging: { ...paging, total_count: found.total } };
    },
  );

  app.get(
    '/v1/networks/affiliates/:affiliateId',
    {
      preValidation: requireEverflowKey('read'),
      schema: {
        tags,
        security,
        summary: 'Find By ID (Everflow)',
        description: `${AUTH}\n\nThe affiliate with \`relationship\` (labels, account manager, encoded_value) and each relationship asked for with \`?relationship=\`: ${EVERFLOW_RELATIONSHIPS.join(', ')}. \`supply_partner\` (EverXchange) is always \`{}\`: Affluent has no exchange. \`referral_link\` makes the affiliate's referral code on first use, as the native read does.`,
        params: Params,
        querystring: FindQuery,
        response: { 200: Anything, ...everflowErrors(400, 401, 403, 404, 500) },
      },
    },
    async (request) =>
      everflowAffiliate(db(), request.params.affiliateId, request.query.relationship ?? [], publicUrl),
  );

  app.post(
    '/v1/networks/affiliates',
    {
      preValidation: requireEverflowKey('write'),
      schema: {
        tags,
        security,
        summary: 'Create (Everflow)',
        description: `${AUTH}\n\nCreates the affiliate, its users, billing and payment method through the native create (same validation, history and events). \`account_status\` \`active\` or \`inactive\` (or \`pending\`: an application). Users without \`initial_password\` are emailed an invitation. Answers the affiliate as Find By ID does, with its users and billing.`,
        body: CreateBody,
        response: { 200: Anything, ...everflowErrors(400, 401, 403, 500) },
      },
    },
    async (request) => {
      const { users = [], ...body } = request.body;
      const unit = await minorUnitOf(db(), body.default_currency_id?.trim().toUpperCase() || 'USD');
      const affiliate = translateAffiliate(body, null, unit);
      const people = translateUsers(users);
      const id = await createAffiliate({
        db: db(),
        ...changeContext(request, EVERFLOW_SOURCE),
        input: { ...affiliate.input, users: people.input },
        problems: [...affiliate.problems, ...people.problems],
        invite: { env: identityEnv(app.deps.config), jobs: app.deps.jobs },
      });
      return everflowAffiliate(db(), id, ['users', 'billing'], publicUrl);
    },
  );

  app.put(
    '/v1/networks/affiliates/:affiliateId',
    {
      preValidation: requireEverflowKey('write'),
      schema: {
        tags,
        security,
        summary: 'Update (Everflow)',
        description: `${AUTH}\n\nEvery field of Everflow's affiliate body must be sent: an omitted one takes its default or is removed (billing back to manual and no payment method, no contact address, no account manager, ...), as Everflow documents. Native fields Everflow has no name for (company, email, website, labels, messengers, traffic sources, custom tags, referral settings) keep their values; users are not part of the body. Masked payment details read back and sent again keep the stored values. Sending the status an affiliate reads as keeps it (declined stays declined on \`inactive\`, view_only stays on \`active\`); \`inactive\` on a pending application declines it; nothing returns to \`pending\` (400).`,
        params: Params,
        body: UpdateBody,
        response: { 200: Anything, ...everflowErrors(400, 401, 403, 404, 500) },
      },
    },
    async (request) => {
      const id = request.params.affiliateId;
      const before = await getAffiliate(db(), id);
      const currency =
        request.body.default_currency_id?.trim().toUpperCase() || before.default_currency || 'USD';
      const { input, problems } = translateAffiliate(
        request.body,
        before.status,
        await minorUnitOf(db(), currency),
      );
      if (problems.length) throw AppError.validation(problems);
      await patchAffiliate({ db: db(), ...changeContext(request, EVERFLOW_SOURCE), id, input });
      return everflowAffiliate(db(), id, ['billing'], publicUrl);
    },
  );
};
