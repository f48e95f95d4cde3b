import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getProgram, TRACE_VISIBILITIES } from '../../../core/program/get-program.ts';
import { updateProgram } from '../../../core/program/update-program.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';

const NullableText = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

const TraceVisibilityField = StringEnum(TRACE_VISIBILITIES, {
  description:
    "What affiliates see of each commission's trace in the portal and the partner API: none, the readable sentence (the default), or the sentence and the trace's inputs (events, amounts, rule, tier, formula)",
});

const Program = Type.Object(
  {
    name: Type.String({ description: 'The name the portal shows: the configured one, or the only brand’s' }),
    configured_name: NullableText('What was set; null: named after the only brand, or "Affiliate program"'),
    terms_url: NullableText('The terms and conditions the sign-up form links to; null: none'),
    brands: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), {
      description: 'The enabled brands, as the portal lists them',
    }),
    commission_trace_visibility: TraceVisibilityField,
  },
  { $id: 'ProgramSettings' },
);

export const programRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['settings'], security: operatorSecurity };

  app.get(
    '/settings/program',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'The affiliate program as the portal presents it: name, terms link, brands',
        response: withErrors({ 200: Program }, 401, 403),
      },
    },
    async () => getProgram(db()),
  );

  app.patch(
    '/settings/program',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'Name the program, set its terms link and what affiliates see of commission traces',
        description: 'An empty or null value clears the setting.',
        // Types and upper bounds only: updateProgram words what a person gets wrong.
        body: Type.Object(
          {
            name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
            terms_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
            commission_trace_visibility: Type.Optional(TraceVisibilityField),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Program }, 401, 403, 422),
      },
    },
    async (request) => updateProgram({ db: db(), actor: actorOf(request), change: request.body }),
  );
};
