import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listBrandContacts } from '../../../core/contacts/list-brand-contacts.ts';
import { setBrandContacts } from '../../../core/contacts/set-brand-contacts.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, NullableTimestamp, withErrors } from '../../schemas/common.ts';
import { BrandContacts } from '../../schemas/news.ts';

const HELP =
  'How affiliates reach each brand’s program team, shown on the portal’s Contacts page with the affiliate’s own account manager. A brand with no detail given is left out there.';

const WithDate = Type.Object({ ...BrandContacts.properties, updated_at: NullableTimestamp });

/** The operator edits each brand's contact details. */
export const brandContactsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['contacts'], security: operatorSecurity };

  app.get(
    '/brand-contacts',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Every brand with its contact details',
        description: HELP,
        response: withErrors({ 200: Type.Object({ data: Type.Array(WithDate) }) }, 401, 403),
      },
    },
    async () => ({ data: await listBrandContacts({ db: db() }) }),
  );

  app.put(
    '/brands/:id/contacts',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Set a brand’s contact details (the fields given; an empty string removes one)',
        description: HELP,
        params: IdParams,
        body: Type.Object(
          {
            email: Type.Optional(Type.String({ maxLength: 1000 })),
            phone: Type.Optional(Type.String({ maxLength: 1000 })),
            skype: Type.Optional(Type.String({ maxLength: 1000 })),
            telegram: Type.Optional(Type.String({ maxLength: 1000 })),
            whatsapp: Type.Optional(Type.String({ maxLength: 1000 })),
            note: Type.Optional(Type.String({ maxLength: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: WithDate }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      setBrandContacts({
        db: db(),
        actor: actorOf(request),
        brandId: request.params.id,
        input: request.body,
      }),
  );
};
