import { randomUUID } from 'node:crypto';
import { type BulkEditResult, runBulkEdit } from '../../../core/affiliates/run-bulk-edit.ts';
import { searchAffiliates } from '../../../core/affiliates/search-affiliates.ts';
import type { ChangeContext } from '../../../core/affiliates/state.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { minorUnitOf } from '../../../core/reference/money-format.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { toEverflowPath } from './field-paths.ts';
import { type AffiliateContext, PATCH_FIELDS } from './patch-fields.ts';
import { type EverflowPatchField, nativeFields, type Planned, planPatch } from './patch-request.ts';

export interface EverflowPatchBody {
  network_affiliate_ids: number[];
  fields: EverflowPatchField[];
}

type Status = 'ok' | 'no_change' | 'error';
export interface EverflowPreview {
  changes: {
    network_affiliate: { network_affiliate_id: number; name: string };
    change_status: Status;
    current_field: { field_type: string; field_value: unknown };
    changed_field: { field_type: string; field_value: unknown };
    error_message: string;
    related_changes: string;
  }[];
  resource_errors: { id: number; label: string; message: string }[];
}

/** Status and minor unit of each affiliate named, read once; an unknown id gets the defaults. */
async function contextsOf(db: Db, ids: number[]): Promise<Map<number, AffiliateContext>> {
  const found = await searchAffiliates(db, { ids, offset: 0, limit: ids.length });
  const units = new Map<string, number>();
  const out = new Map<number, AffiliateContext>();
  for (const a of found.data) {
    const currency = a.default_currency ?? 'USD';
    if (!units.has(currency)) units.set(currency, await minorUnitOf(db, currency));
    out.set(a.id, { status: a.status, minorUnit: units.get(currency)! });
  }
  return out;
}

const FALLBACK: AffiliateContext = { status: null, minorUnit: 2 };

/** Native problems in the Everflow request's names: fields[j].value is the Everflow field it came from. */
function everflowPaths<T>(planned: Planned[], run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    const fields = (error as AppError).details as { fields?: FieldError[] } | null;
    if (!(error instanceof AppError) || error.code !== 'validation_failed' || !fields?.fields) throw error;
    throw AppError.validation(
      fields.fields.map((f) => {
        const m = /^fields\[(\d+)\]\.(\w+)/.exec(f.path);
        const source = m ? planned[Number(m[1])]?.sources[0] : undefined;
        return source === undefined
          ? f
          : { ...f, path: `fields[${source}].${m![2] === 'field' ? 'field_type' : 'field_value'}` };
      }),
    );
  });
}

/** `billing.details.day_of_week: is required` with the path in Everflow's words. */
const everflowProblem = (text: string) => {
  const at = text.indexOf(': ');
  return at < 0 ? text : `${toEverflowPath(text.slice(0, at))}: ${text.slice(at + 2)}`;
};

function toPreview(
  body: EverflowPatchBody,
  results: BulkEditResult[],
  contexts: Map<number, AffiliateContext>,
): EverflowPreview {
  const changes: EverflowPreview['changes'] = [];
  const resourceErrors: EverflowPreview['resource_errors'] = [];
  const all = results.flatMap((r) => r.changes).sort((a, b) => a.affiliate_id - b.affiliate_id);
  for (const c of all) {
    const ctx = contexts.get(c.affiliate_id) ?? FALLBACK;
    const general = c.errors.map((e) => `${toEverflowPath(e.path)}: ${e.message}`);
    for (const f of body.fields) {
      const def = PATCH_FIELDS[f.field_type]!;
      const native = c.fields.find((n) => n.field === def.native)!;
      const problems = [...(native.error_message ? [everflowProblem(native.error_message)] : []), ...general];
      const status: Status = problems.length ? 'error' : native.status;
      changes.push({
        network_affiliate: { network_affiliate_id: c.affiliate_id, name: c.name },
        change_status: status,
        current_field: { field_type: f.field_type, field_value: def.show(native.before, ctx) },
        changed_field: { field_type: f.field_type, field_value: def.show(native.after, ctx) },
        error_message: problems.join('; '),
        related_changes: status === 'error' ? '' : c.related_changes.join('; '),
      });
    }
  }
  for (const r of results.flatMap((x) => x.resource_errors).sort((a, b) => a.affiliate_id - b.affiliate_id))
    resourceErrors.push({ id: r.affiliate_id, label: r.name ?? '', message: r.message });
  return { changes, resource_errors: resourceErrors };
}

/** Every error of a preview, by the affiliate's place in network_affiliate_ids. */
function previewProblems(body: EverflowPatchBody, preview: EverflowPreview): FieldError[] {
  const at = (id: number) => `network_affiliate_ids[${body.network_affiliate_ids.indexOf(id)}]`;
  return [
    ...preview.resource_errors.map((r) => ({ path: at(r.id), message: r.message })),
    ...preview.changes
      .filter((c) => c.change_status === 'error')
      .map((c) => ({
        path: at(c.network_affiliate.network_affiliate_id),
        message: `${c.current_field.field_type}: ${c.error_message}`,
      })),
  ];
}

/**
 * Everflow's Bulk Edit and Patch Preview through the native bulk edit. The affiliates whose native
 * values differ (a status kept, another currency's minor units) are native edits of their own;
 * apply previews every one, refuses if any affiliate fails, then applies each with its preview's
 * plan hash, all in one transaction: all of it or nothing.
 */
export async function runEverflowPatch({
  db,
  ctx,
  body,
  mode,
}: {
  db: Db;
  ctx: ChangeContext;
  body: EverflowPatchBody;
  mode: 'preview' | 'apply';
}): Promise<EverflowPreview> {
  const { planned, problems } = planPatch(body.fields);
  const ids = [...new Set(body.network_affiliate_ids)];
  return inTransaction(db, async (trx) => {
    const contexts = await contextsOf(trx, ids);
    const groups = new Map<string, { ids: number[]; fields: ReturnType<typeof nativeFields>['fields'] }>();
    const valueProblems = new Map<string, FieldError>(problems.map((p) => [`${p.path}: ${p.message}`, p]));
    for (const id of ids) {
      const native = nativeFields(planned, contexts.get(id) ?? FALLBACK);
      for (const p of native.problems) valueProblems.set(`${p.path}: ${p.message}`, p);
      const key = JSON.stringify(native.fields);
      const group = groups.get(key) ?? { ids: [], fields: native.fields };
      group.ids.push(id);
      groups.set(key, group);
    }
    if (valueProblems.size)
      throw AppError.validation(
        [...valueProblems.values()].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })),
      );
    const run = (
      g: { ids: number[]; fields: ReturnType<typeof nativeFields>['fields'] },
      hash?: string,
      batch?: string,
    ) =>
      everflowPaths(planned, () =>
        runBulkEdit({
          db: trx,
          ...ctx,
          input: {
            affiliate_ids: g.ids,
            fields: g.fields,
            ...(hash ? { expected_plan_hash: hash } : {}),
            ...(batch ? { batch_id: batch } : {}),
          },
          mode: hash ? 'apply' : 'preview',
        }),
      );
    const previews: BulkEditResult[] = [];
    for (const g of groups.values()) previews.push(await run(g));
    const preview = toPreview(body, previews, contexts);
    if (mode === 'preview') return preview;
    const failed = previewProblems(body, preview);
    if (failed.length)
      throw AppError.validation(
        failed,
        `nothing was changed: ${failed.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      );
    const batch = randomUUID();
    let i = 0;
    for (const g of groups.values()) await run(g, previews[i++]!.plan_hash, batch);
    return preview;
  });
}
