import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSecuritySettings, updateSecuritySettings } from '../../../core/identity/security-settings.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';

const Settings = Type.Object(
  {
    require_two_factor: Type.Boolean({
      description: 'Every affiliate user must turn on 2FA before using the portal and the partner API',
    }),
  },
  { $id: 'SecuritySettings' },
);

export const securitySettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['settings'], security: operatorSecurity };

  app.get(
    '/settings/security',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Security settings of the affiliate portal',
        response: withErrors({ 200: Settings }, 401, 403),
      },
    },
    async () => getSecuritySettings(db()),
  );

  app.patch(
    '/settings/security',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'Change security settings of the affiliate portal',
        body: Type.Partial(Settings, { additionalProperties: false }),
        response: withErrors({ 200: Settings }, 401, 403, 422),
      },
    },
    async (request) => updateSecuritySettings({ db: db(), actor: actorOf(request), patch: request.body }),
  );
};
