import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { patchAffiliate } from '../../../core/affiliates/patch-affiliate.ts';
import { searchAffiliates } from '../../../core/affiliates/search-affiliates.ts';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { createLoginUrl } from '../../../core/identity/login-links/create-login-url.ts';
import { actorOf } from '../../actor.ts';
import { changeContext } from '../../routes/operator/affiliates-context.ts';
import { Nullable } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import { Account, AccountWithInquiries, mspAccount, mspAccountWithInquiries } from './account-view.ts';
import {
  AccountParams,
  KeyQuery,
  MSP_INTRO,
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
import { fromMultiSafepayStatus, toMultiSafepayStatus } from './status.ts';

type AffiliateInput = Parameters<typeof patchAffiliate>[0]['input'];

const Text = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));
const AccountBody = Type.Object(
  {
    company_name: Text(200),
    address1: Text(255),
    address2: Text(255),
    address3: Text(255),
    apartment: Text(255),
    city: Text(255),
    zipcode: Text(255),
    country: Text(2),
    coc_number: Text(100),
    vat_number: Text(100),
    email: Text(64),
    phone: Text(15),
    screening_status: Type.Optional(
      Type.Union([Type.Literal('approved'), Type.Literal('declined'), Type.Literal('pending')]),
    ),
  },
  { additionalProperties: false },
);

const ADDRESS = {
  address1: 'line1',
  address2: 'line2',
  address3: 'line3',
  apartment: 'apartment',
  city: 'city',
  zipcode: 'postal_code',
  country: 'country_code',
} as const;
/** Native field paths in the names sent, for the 422's attributes. */
const NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ADDRESS).map(([msp, native]) => [`address.${native}`, msp])),
  company_registration_number: 'coc_number',
  status: 'screening_status',
};

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };

  app.get(
    '/accounts',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List affiliates (affiliated accounts)',
        description: `${MSP_INTRO}\n\nEvery affiliate, oldest first; \`offset\` (0) and \`limit\` (100, at most 500) page them and \`page.total\` counts them all.`,
        querystring: Type.Object(PagingQuery(500, 100)),
        response: { 200: OkList(Account), ...mspErrors(401, 403, 422) },
      },
    },
    async (request) => {
      const { offset = 0, limit = 100 } = request.query;
      const page = await searchAffiliates(db(), { offset, limit, sort: { by: 'id', desc: false } });
      const data = [];
      for (const a of page.data) data.push(await mspAccount(db(), a.id));
      return okList(data, page.total);
    },
  );

  app.get(
    '/accounts/:account_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get affiliate: the account with its open inquiries',
        description:
          'The account and `inquiries`: those waiting for its answer (open, or rejected and to be answered again), newest first.',
        params: AccountParams,
        querystring: KeyQuery,
        response: { 200: Ok(AccountWithInquiries), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => ok(await mspAccountWithInquiries(db(), request.params.account_id)),
  );

  app.patch(
    '/accounts/:account_id',
    {
      preValidation: mspKey('write'),
      schema: {
        ...common,
        summary: 'Update affiliate',
        description:
          'Only the fields sent change (null empties one). `screening_status` approved approves a pending application (the account becomes active), declined declines it, pending puts it back to review. `processing_options` follow from the account and are not set here. Answers the account as `GET` does.',
        params: AccountParams,
        querystring: KeyQuery,
        body: AccountBody,
        response: { 200: Ok(AccountWithInquiries), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const id = request.params.account_id;
      const body = request.body;
      const current = await getAffiliate(db(), id);
      const input: AffiliateInput = {};
      if (body.company_name !== undefined) input.company_name = body.company_name;
      if (body.coc_number !== undefined) input.company_registration_number = body.coc_number;
      if (body.vat_number !== undefined) input.vat_number = body.vat_number;
      if (body.email !== undefined) input.email = body.email;
      if (body.phone !== undefined) input.phone = body.phone;
      const address = Object.fromEntries(
        Object.entries(ADDRESS)
          .filter(([msp]) => body[msp as keyof typeof ADDRESS] !== undefined)
          .map(([msp, native]) => [native, body[msp as keyof typeof ADDRESS]]),
      );
      if (Object.keys(address).length) input.address = address as AffiliateInput['address'];
      if (body.screening_status && body.screening_status !== toMultiSafepayStatus(current.status)) {
        const wanted = fromMultiSafepayStatus(body.screening_status);
        if (!wanted) throw AppError.field('screening_status', 'must be approved, declined or pending');
        input.status = wanted;
      }
      try {
        await withVendorFieldNames(NAMES, () =>
          patchAffiliate({ db: db(), ...changeContext(request, 'compat_multisafepay'), id, input }),
        );
      } catch (error) {
        // The one change the status rules refuse is the screening status the caller asked for.
        if (error instanceof AppError && error.code === 'invalid_state' && input.status)
          throw new AppError('invalid_state', error.message, { attribute: 'screening_status' });
        throw error;
      }
      return ok(await mspAccountWithInquiries(db(), id));
    },
  );

  app.post(
    '/accounts/:account_id/login-urls',
    {
      preValidation: mspKey('write'),
      schema: {
        ...common,
        summary: 'Create login URL: a one-time link into the affiliate portal',
        description:
          "`expires_in` is a duration with a unit (y, w, d, h, m, s: `5m`, `1h`) or a bare number of seconds; 5 minutes when left out. The link signs the account's owner user in once (the session names the key that made it); an account without an active owner is 422.",
        params: AccountParams,
        querystring: KeyQuery,
        body: Type.Object(
          {
            expires_in: Type.Optional(
              Type.Union([Type.String({ maxLength: 20 }), Type.Integer({ minimum: 1 })]),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Ok(Type.Object({ url: Type.String(), expires: Type.String({ format: 'date-time' }) })),
          ...mspErrors(401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const link = await withVendorFieldNames({ expiresIn: 'expires_in' }, () =>
        createLoginUrl({
          db: db(),
          env: identityEnv(app.deps.config),
          actor: actorOf(request),
          affiliateId: request.params.account_id,
          expiresIn: request.body.expires_in ?? '5m',
        }),
      );
      return ok({ url: link.url, expires: link.expires_at.toISOString() });
    },
  );
};
