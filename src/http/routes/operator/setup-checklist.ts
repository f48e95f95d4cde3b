import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSetupChecklist } from '../../../core/onboarding/get-setup-checklist.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';
import { managerScope } from './manager-scope.ts';

const SetupChecklist = Type.Object(
  {
    steps: Type.Array(
      Type.Object({
        step: StringEnum(['brand', 'destination_link', 'banner', 'commission_plan', 'affiliate', 'click']),
        done: Type.Boolean({ description: 'The platform has one already' }),
        available: Type.Boolean({
          description: 'False while this version lacks the feature (commission plans come with their own)',
        }),
      }),
    ),
  },
  { $id: 'SetupChecklist' },
);

export const setupChecklistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/setup-checklist',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['setup'],
        security: operatorSecurity,
        summary: 'The first-run checklist: what the platform has, and what it lacks to run',
        description:
          'In order: a brand, a destination link, a banner, a commission plan, an affiliate, a first click. Each step is done as soon as its first row exists. A manager limited to their own affiliates sees the affiliate and click steps for their affiliates.',
        response: withErrors({ 200: SetupChecklist }, 401, 403),
      },
    },
    async (request) => ({ steps: await getSetupChecklist(app.deps.database.db, managerScope(request)) }),
  );
};
