// Everflow's Bulk Edit (PATCH /v1/networks/patch/affiliates/apply) and Patch Preview (POST
// .../submit): Everflow's patchable fields and operators, run by the native bulk edit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BULK_OPERATORS } from '../../../core/affiliates/bulk-edit-fields.ts';
import { BULK_EDIT_MAX_AFFILIATES } from '../../../core/affiliates/run-bulk-edit.ts';
import { changeContext } from '../../routes/operator/affiliates-context.ts';
import { StringEnum } from '../../schemas/common.ts';
import { EVERFLOW_SOURCE, everflowErrors, requireEverflowKey, security, tags } from './http.ts';
import { PATCH_FIELD_NAMES, PATCH_STATUSES, patchFieldsMarkdown } from './patch-fields.ts';
import { type EverflowPatchBody, runEverflowPatch } from './run-patch.ts';

const PatchBody = Type.Object(
  {
    network_affiliate_ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
      minItems: 1,
      maxItems: BULK_EDIT_MAX_AFFILIATES,
      description: 'IDs of the affiliates to be patched',
    }),
    fields: Type.Array(
      Type.Object(
        {
          field_type: StringEnum(PATCH_FIELD_NAMES, { description: 'See the patchable fields table' }),
          field_value: Type.Optional(
            Type.Unknown({
              description: 'The value (overwrite), the labels to add (append) or remove (delete)',
            }),
          ),
          operator: StringEnum(BULK_OPERATORS, {
            description: 'append, delete and clear only for labels',
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  { additionalProperties: true },
);

const Field = Type.Object({ field_type: Type.String(), field_value: Type.Unknown() });
const Preview = Type.Object({
  changes: Type.Array(
    Type.Object({
      network_affiliate: Type.Object({ network_affiliate_id: Type.Integer(), name: Type.String() }),
      change_status: StringEnum(['ok', 'no_change', 'error'] as const),
      current_field: Field,
      changed_field: Field,
      error_message: Type.String({ description: 'Only filled when change_status is error' }),
      related_changes: Type.String(),
    }),
  ),
  resource_errors: Type.Array(
    Type.Object({ id: Type.Integer(), label: Type.String(), message: Type.String() }),
  ),
});

const ABOUT = `An operator API key with the \`write\` scope in \`X-Eflow-API-Key\`. One entry per \`fields\` item; \`account_status\` takes ${PATCH_STATUSES.join(', ')} and keeps a status that already reads as the word (declined on inactive, view_only on active), \`inactive\` declines a pending application; amounts (\`billing_invoice_amount_threshold\`, \`referral_minimum_threshold\`) are decimals in major units of each affiliate's default currency; \`billing_billing_frequency\` (\`quaterly\` is quarterly) goes with its \`billing_<frequency>\` field, which alone implies its frequency; \`billing_weekly\` is a day name; \`billing_payment_method\` (Everflow Pay) is refused. A bad field type, operator or value is 400 \`{ "error" }\` naming each \`fields[i]\` at once; nothing changes.\n\n${patchFieldsMarkdown()}`;

export const everflowBulkEditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const run = (request: Parameters<typeof changeContext>[0], mode: 'preview' | 'apply') =>
    runEverflowPatch({
      db: db(),
      ctx: changeContext(request, EVERFLOW_SOURCE),
      body: request.body as EverflowPatchBody,
      mode,
    });

  app.patch(
    '/v1/networks/patch/affiliates/apply',
    {
      preValidation: requireEverflowKey('write'),
      schema: {
        tags,
        security,
        summary: 'Bulk Edit (Everflow)',
        description: `Updates the fields given on every affiliate named, all or nothing: if any affiliate cannot take the patch (Patch Preview would show an error or a resource error) nothing changes and the answer is 400 naming each \`network_affiliate_ids[i]\`. Written by the native bulk edit under row locks, in the history with the key as actor (source \`compat_everflow\`).\n\n${ABOUT}`,
        body: PatchBody,
        response: { 200: Type.Object({ result: Type.Boolean() }), ...everflowErrors(400, 401, 403, 500) },
      },
    },
    async (request) => {
      await run(request, 'apply');
      return { result: true };
    },
  );

  app.post(
    '/v1/networks/patch/affiliates/submit',
    {
      preValidation: requireEverflowKey('write'),
      schema: {
        tags,
        security,
        summary: 'Patch Preview (Everflow)',
        description: `What Bulk Edit would do, changing nothing: per affiliate and field \`ok\`, \`no_change\` or \`error\` with the value before and after; affiliates that do not exist or are invalid before the patch in \`resource_errors\`.\n\n${ABOUT}`,
        body: PatchBody,
        response: { 200: Preview, ...everflowErrors(400, 401, 403, 500) },
      },
    },
    async (request) => run(request, 'preview'),
  );
};
