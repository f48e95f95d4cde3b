import { createHash, randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../errors.ts';
import { applyOperator, BULK_FIELDS, type BulkOperator } from './bulk-edit-fields.ts';
import { diffStates } from './history.ts';
import { loadAffiliateStates } from './load-states.ts';
import { normalizeFields } from './merge-input.ts';
import { type PreparedChange, prepareChange } from './prepare-change.ts';
import { createReferences } from './references.ts';
import { saveAffiliate } from './save-affiliate.ts';
import { type AffiliateState, type AffiliateWrite, fieldsOf } from './state.ts';
import { formatProblems } from './validate-fields.ts';

export const BULK_EDIT_MAX_AFFILIATES = 1000;

export interface BulkEditInput {
  affiliate_ids: number[];
  fields: { field: string; operator: BulkOperator; value?: unknown }[];
  /** From a preview: apply refuses (409) if the plan is no longer the one previewed. */
  expected_plan_hash?: string;
  /** Several edits of one request (a compatibility API's) recorded as one batch in the history. */
  batch_id?: string;
}

type ChangeStatus = 'ok' | 'no_change' | 'error';

export interface BulkFieldChange {
  field: string;
  operator: BulkOperator;
  before: unknown;
  after: unknown;
  status: ChangeStatus;
  error_message: string | null;
}

export interface BulkEditChange {
  affiliate_id: number;
  name: string;
  status: ChangeStatus;
  fields: BulkFieldChange[];
  /** Problems not tied to one of the requested fields (for example a rule across fields). */
  errors: FieldError[];
  related_changes: string[];
}

export interface BulkEditResult {
  plan_hash: string;
  applied: boolean;
  summary: { total: number; ok: number; no_change: number; error: number; resource_errors: number };
  changes: BulkEditChange[];
  resource_errors: { affiliate_id: number; name: string | null; message: string }[];
}

const display = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v ?? null, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));

/** Which requested field an error path belongs to: billing.details.* is billing_schedule, ... */
function bulkFieldOf(path: string): string {
  const [head, sub] = path.split(/[.[]/);
  if (head === 'billing')
    return sub === 'frequency' || sub === 'details' ? 'billing_schedule' : `billing_${sub}`;
  if (head === 'referral') return `referral_${sub}`;
  return head!;
}

function parseRequest(input: BulkEditInput): unknown[] {
  const errors: FieldError[] = [];
  const values: unknown[] = [];
  const seen = new Set<string>();
  for (const [i, f] of input.fields.entries()) {
    const def = BULK_FIELDS[f.field];
    if (!def) {
      errors.push({ path: `fields[${i}].field`, message: 'is not a patchable field' });
      continue;
    }
    if (seen.has(f.field)) errors.push({ path: `fields[${i}].field`, message: 'is given twice' });
    seen.add(f.field);
    if (!def.list && f.operator !== 'overwrite') {
      errors.push({
        path: `fields[${i}].operator`,
        message: `${f.field} holds one value: only overwrite applies`,
      });
    } else if (f.operator === 'clear') {
      if (f.value !== undefined)
        errors.push({ path: `fields[${i}].value`, message: 'must be omitted with clear' });
    } else if (f.value === undefined) {
      errors.push({ path: `fields[${i}].value`, message: `is required with ${f.operator}` });
    } else {
      const parsed = def.parse(f.value);
      if (parsed.ok) values[i] = parsed.value;
      else errors.push({ path: `fields[${i}].value`, message: parsed.message });
    }
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return values;
}

function describe(input: BulkEditInput, before: AffiliateState, change: PreparedChange): BulkEditChange {
  const requested = new Set(input.fields.map((f) => f.field));
  const fieldErrors = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const e of change.errors) {
    const field = bulkFieldOf(e.path);
    if (requested.has(field) && !fieldErrors.has(field)) fieldErrors.set(field, `${e.path}: ${e.message}`);
    else if (!requested.has(field)) errors.push(e);
  }
  if (change.transitionError) fieldErrors.set('status', change.transitionError);
  const prev = fieldsOf(before);
  const fields = input.fields.map((f): BulkFieldChange => {
    const def = BULK_FIELDS[f.field]!;
    const b = display(def.get(prev));
    const a = display(def.get(change.next));
    const error = fieldErrors.get(f.field) ?? null;
    const status = error ? 'error' : JSON.stringify(a) === JSON.stringify(b) ? 'no_change' : 'ok';
    return { field: f.field, operator: f.operator, before: b, after: a, status, error_message: error };
  });
  const failed = fields.some((f) => f.status === 'error') || errors.length > 0;
  const changed = diffStates(before, change.next).length > 0;
  return {
    affiliate_id: before.id,
    name: before.name,
    status: failed ? 'error' : changed ? 'ok' : 'no_change',
    fields,
    errors,
    related_changes: failed ? [] : change.related,
  };
}

/**
 * Preview and apply are this one function: apply computes the very same plan under row locks and,
 * only if no affiliate has an error, writes all of it in the same transaction (all or nothing).
 */
export async function runBulkEdit({
  db,
  input,
  mode,
  ...ctx
}: AffiliateWrite & { input: BulkEditInput; mode: 'preview' | 'apply' }): Promise<BulkEditResult> {
  const values = parseRequest(input);
  const ids = [...new Set(input.affiliate_ids)].sort((a, b) => a - b);
  return inTransaction(db, async (trx) => {
    const states = await loadAffiliateStates(trx, ids, { forUpdate: mode === 'apply' });
    const refs = createReferences(trx, ctx.managerId);
    const now = new Date();
    const result: BulkEditResult = {
      plan_hash: '',
      applied: false,
      summary: { total: ids.length, ok: 0, no_change: 0, error: 0, resource_errors: 0 },
      changes: [],
      resource_errors: [],
    };
    const plans: { before: AffiliateState; next: AffiliateState }[] = [];
    for (const id of ids) {
      const before = states.get(id);
      if (!before) {
        result.resource_errors.push({ affiliate_id: id, name: null, message: 'affiliate not found' });
        continue;
      }
      const invalid = formatProblems(fieldsOf(before));
      if (invalid.length > 0) {
        const message = `invalid before the patch: ${invalid.map((e) => `${e.path} ${e.message}`).join('; ')}`;
        result.resource_errors.push({ affiliate_id: id, name: before.name, message });
        continue;
      }
      const fields = fieldsOf(before);
      for (const [i, f] of input.fields.entries())
        applyOperator(fields, f.field, f.operator, structuredClone(values[i]));
      const change = await prepareChange(refs, before, normalizeFields(fields), ctx.actor, now);
      const described = describe(input, before, change);
      result.changes.push(described);
      result.summary[described.status]++;
      if (described.status === 'ok') plans.push({ before, next: change.next });
    }
    result.summary.resource_errors = result.resource_errors.length;
    result.plan_hash = createHash('sha256')
      .update(JSON.stringify({ changes: result.changes, resource_errors: result.resource_errors }))
      .digest('hex');
    if (mode === 'preview') return result;

    if (result.summary.error > 0 || result.summary.resource_errors > 0) {
      const fields = [
        ...result.resource_errors.map((r) => ({
          path: `affiliate_ids[${input.affiliate_ids.indexOf(r.affiliate_id)}]`,
          message: r.message,
        })),
        ...result.changes
          .filter((c) => c.status === 'error')
          .map((c) => ({
            path: `affiliate_ids[${input.affiliate_ids.indexOf(c.affiliate_id)}]`,
            message: [
              ...c.fields.filter((f) => f.error_message).map((f) => `${f.field}: ${f.error_message}`),
              ...c.errors.map((e) => `${e.path}: ${e.message}`),
            ].join('; '),
          })),
      ];
      throw new AppError('validation_failed', 'nothing was changed: some affiliates cannot take this edit', {
        fields,
        preview: result,
      });
    }
    if (input.expected_plan_hash && input.expected_plan_hash !== result.plan_hash) {
      throw new AppError('conflict', 'the affiliates changed since the preview; preview again', {
        preview: result,
      });
    }
    const batchId = input.batch_id ?? randomUUID();
    for (const { before, next } of plans) {
      await saveAffiliate(trx, before, next, ctx, { action: 'bulk_edit', batchId });
    }
    result.applied = true;
    return result;
  });
}
