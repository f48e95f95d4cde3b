import type { BulkOperator } from '../../../core/affiliates/bulk-edit-fields.ts';
import type { BulkEditInput } from '../../../core/affiliates/run-bulk-edit.ts';
import type { FieldError } from '../../../core/errors.ts';
import {
  type AffiliateContext,
  frequencyOf,
  PATCH_FIELDS,
  SCHEDULE_FIELDS,
  scheduleDetails,
  type Verdict,
} from './patch-fields.ts';

export interface EverflowPatchField {
  field_type: string;
  field_value?: unknown;
  operator: BulkOperator;
}

/** One native bulk field, made of one Everflow field or (billing schedule) two. */
interface Planned {
  native: string;
  operator: BulkOperator;
  /** The Everflow fields it stands for, by index in the request. */
  sources: number[];
  resolve(ctx: AffiliateContext): Verdict;
}

/**
 * Checks what does not depend on the affiliate (field types, operators, repeats, the schedule's
 * frequency and details) and plans the native fields, every problem named at once.
 */
export function planPatch(fields: EverflowPatchField[]): { planned: Planned[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const planned: Planned[] = [];
  const seen = new Set<string>();
  const at = (i: number, key: string) => `fields[${i}].${key}`;
  let frequencyAt: number | null = null;
  let detailsAt: number | null = null;
  for (const [i, f] of fields.entries()) {
    const def = PATCH_FIELDS[f.field_type]!;
    if (seen.has(f.field_type)) problems.push({ path: at(i, 'field_type'), message: 'is given twice' });
    seen.add(f.field_type);
    if (!def.list && f.operator !== 'overwrite') {
      problems.push({
        path: at(i, 'operator'),
        message: `${f.field_type} holds one value: only overwrite applies`,
      });
      continue;
    }
    if (f.operator !== 'clear' && f.field_value === undefined) {
      problems.push({ path: at(i, 'field_value'), message: `is required with ${f.operator}` });
      continue;
    }
    if (def.native === 'billing_schedule') {
      if (f.field_type === 'billing_billing_frequency') frequencyAt = i;
      else if (detailsAt !== null)
        problems.push({ path: at(i, 'field_type'), message: 'only one billing_<frequency> field per patch' });
      else detailsAt = i;
      continue;
    }
    planned.push({
      native: def.native,
      operator: f.operator,
      sources: [i],
      resolve: (ctx) =>
        f.operator === 'clear' ? { ok: true, value: undefined } : def.toNative(f.field_value, ctx),
    });
  }
  const schedule = planSchedule(fields, frequencyAt, detailsAt, problems);
  if (schedule) planned.push(schedule);
  return { planned, problems };
}

function planSchedule(
  fields: EverflowPatchField[],
  frequencyAt: number | null,
  detailsAt: number | null,
  problems: FieldError[],
): Planned | null {
  if (frequencyAt === null && detailsAt === null) return null;
  const detailsField = detailsAt === null ? null : fields[detailsAt]!;
  const implied = detailsField
    ? SCHEDULE_FIELDS[detailsField.field_type as keyof typeof SCHEDULE_FIELDS]
    : null;
  let frequency: string | null = implied;
  if (frequencyAt !== null) {
    frequency = frequencyOf(fields[frequencyAt]!.field_value);
    if (!frequency) {
      problems.push({
        path: `fields[${frequencyAt}].field_value`,
        message: 'must be one of: weekly, bimonthly, monthly, two_months, quarterly, manual, other',
      });
      return null;
    }
  }
  if (implied && frequency !== implied) {
    problems.push({
      path: `fields[${detailsAt}].field_type`,
      message: `is only relevant when billing_billing_frequency is ${implied}`,
    });
    return null;
  }
  let details: Record<string, unknown> = {};
  if (detailsField && frequency) {
    const parsed = scheduleDetails(frequency, detailsField.field_value);
    if (!parsed.ok) {
      problems.push({ path: `fields[${detailsAt}].field_value`, message: parsed.message });
      return null;
    }
    details = parsed.value as Record<string, unknown>;
  }
  const value = { frequency, details };
  return {
    native: 'billing_schedule',
    operator: 'overwrite',
    sources: [frequencyAt, detailsAt].filter((i): i is number => i !== null),
    resolve: () => ({ ok: true, value }),
  };
}

/** The native fields for one affiliate, or the problems of its values. */
export function nativeFields(
  planned: Planned[],
  ctx: AffiliateContext,
): { fields: BulkEditInput['fields']; problems: FieldError[] } {
  const fields: BulkEditInput['fields'] = [];
  const problems: FieldError[] = [];
  for (const p of planned) {
    const v = p.resolve(ctx);
    if (!v.ok) problems.push({ path: `fields[${p.sources[0]}].field_value`, message: v.message });
    else
      fields.push({
        field: p.native,
        operator: p.operator,
        ...(v.value === undefined ? {} : { value: v.value }),
      });
  }
  return { fields, problems };
}

export type { Planned };
