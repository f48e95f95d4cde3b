// @internal: only core/affiliates imports this file.
import type { FieldError } from '../errors.ts';
import { referenceProblems } from './reference-problems.ts';
import type { References } from './references.ts';
import { type Actor, type AffiliateFields, type AffiliateState, fieldsOf } from './state.ts';
import { isApproval, transitionProblem } from './status.ts';
import { formatProblems } from './validate-fields.ts';

export interface PreparedChange {
  next: AffiliateState;
  /** Field problems (422), the status transition problem (409) kept apart. */
  errors: FieldError[];
  transitionError: string | null;
  /** Consequences beyond the fields asked for, in words (bulk edit previews show them). */
  related: string[];
}

/**
 * The single rule book for any change: canonical label spelling, the status lifecycle (approval
 * records who and when), shape and reference validation. Create, replace, patch, bulk edit and
 * the compatibility APIs all go through here and then through saveAffiliate.
 */
export async function prepareChange(
  refs: References,
  before: AffiliateState | null,
  fields: AffiliateFields,
  actor: Actor,
  now: Date,
): Promise<PreparedChange> {
  const related: string[] = [];
  const labels: string[] = [];
  for (const label of fields.labels) {
    const known = await refs.labelSpelling(label);
    if (known === undefined && !before?.labels.some((l) => l.toLowerCase() === label.toLowerCase())) {
      related.push(`label "${label}" is added to the label list`);
    }
    labels.push(known ?? label);
  }
  fields.labels = labels;

  const transitionError = before ? transitionProblem(before.status, fields.status) : null;
  const errors = formatProblems(fields);
  errors.push(
    ...(await referenceProblems(fields, before ? fieldsOf(before) : null, before?.id ?? null, refs)),
  );

  const next: AffiliateState = {
    ...fields,
    id: before?.id ?? 0,
    approved_at: before?.approved_at ?? null,
    approved_by: before?.approved_by ?? null,
    last_login_at: before?.last_login_at ?? null,
    signup_info: before?.signup_info ?? null,
    created_at: before?.created_at ?? now,
    updated_at: now,
  };
  const statusChanged = !before || before.status !== fields.status;
  if (statusChanged && isApproval(before?.status ?? null, fields.status)) {
    next.approved_at = now;
    next.approved_by = actor;
    if (before)
      related.push(`approval: approved_at and approved_by are recorded (${actor.name || actor.type})`);
  }
  if (before && before.default_currency !== fields.default_currency) {
    const amounts = fields.billing.invoice_amount_threshold > 0n || fields.referral.minimum_threshold > 0n;
    if (amounts && fields.default_currency) {
      related.push(`invoice and referral thresholds are now read in ${fields.default_currency}`);
    }
  }
  if (before && before.billing.frequency !== fields.billing.frequency) {
    related.push(
      `billing details for ${before.billing.frequency} are replaced by those for ${fields.billing.frequency}`,
    );
  }
  if (before && fields.referrer_id !== null && before.referrer_id !== fields.referrer_id) {
    const name = await refs.affiliateName(fields.referrer_id);
    if (name !== undefined) related.push(`becomes a sub-affiliate of #${fields.referrer_id} ${name}`);
  }
  return { next, errors, transitionError, related };
}
