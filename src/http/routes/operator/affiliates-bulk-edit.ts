import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BULK_FIELD_NAMES, BULK_OPERATORS } from '../../../core/affiliates/bulk-edit-fields.ts';
import {
  BULK_EDIT_MAX_AFFILIATES,
  type BulkEditInput,
  runBulkEdit,
} from '../../../core/affiliates/run-bulk-edit.ts';
import { assertManagesAffiliates } from '../../../core/auth/managed-affiliates.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { BulkEditResult } from '../../schemas/affiliates-read.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';
import { changeContext } from './affiliates-context.ts';

const BulkEditBody = Type.Object(
  {
    affiliate_ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
      minItems: 1,
      maxItems: BULK_EDIT_MAX_AFFILIATES,
    }),
    fields: Type.Array(
      Type.Object(
        {
          field: StringEnum(BULK_FIELD_NAMES),
          operator: StringEnum(BULK_OPERATORS, {
            description:
              'append, delete and clear only for multi-valued fields (labels, extra_permissions, traffic_source_ids, custom_tags)',
          }),
          value: Type.Optional(
            Type.Unknown({
              description:
                'The new value (overwrite), the items to add (append) or remove (delete); omitted for clear. billing_schedule takes { frequency, details }; amounts are integer minor units.',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
    expected_plan_hash: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'Apply only: the plan_hash of the preview; 409 if the plan changed',
      }),
    ),
  },
  { additionalProperties: false },
);

export const affiliateBulkEditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: ['affiliates'], security: operatorSecurity };
  for (const mode of ['preview', 'apply'] as const) {
    app.post(
      `/affiliates/bulk-edit/${mode}`,
      {
        preValidation: requireOperator('write'),
        schema: {
          ...common,
          summary:
            mode === 'preview'
              ? 'Preview a bulk edit: per affiliate ok, no_change or error, with before and after; changes nothing'
              : 'Apply a bulk edit: all or nothing, exactly what the preview shows (422 with the preview if any affiliate fails)',
          body: BulkEditBody,
          response: withErrors({ 200: BulkEditResult }, 401, 403, 404, 409, 422),
        },
      },
      async (request) => {
        const db = app.deps.database.db;
        const manager = managedBy(request.principal);
        if (manager !== null) await assertManagesAffiliates(db, manager, request.body.affiliate_ids);
        const input = request.body as BulkEditInput;
        return runBulkEdit({ db, ...changeContext(request, 'bulk_edit'), input, mode });
      },
    );
  }
};
