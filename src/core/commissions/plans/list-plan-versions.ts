import type { Db } from '../../../db/index.ts';
import type { PlanVersion } from './plan.ts';
import { diffDefinitions } from './plan-definition.ts';
import { findPlanRow, versionsOf } from './plan-rows.ts';

export interface VersionChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * A plan's versions, newest first, each with its field-level diff from the one before (the
 * first one's lists every field it sets, from nothing). Effective dates and the binding count
 * as fields too.
 */
export async function listPlanVersions(options: {
  db: Db;
  planId: number;
}): Promise<(PlanVersion & { changes: VersionChange[] })[]> {
  await findPlanRow(options.db, options.planId);
  const versions = await versionsOf(options.db, [options.planId]);
  return versions.map((v, i) => ({ ...v, changes: versionChanges(versions[i - 1], v) })).reverse();
}

export function versionChanges(before: PlanVersion | undefined, after: PlanVersion): VersionChange[] {
  const settings = (v: PlanVersion | undefined) =>
    v ? { customer_binding: v.customer_binding, effective_from: v.effective_from.toISOString() } : {};
  return [
    ...diffDefinitions(settings(before), settings(after)),
    ...diffDefinitions(before?.definition ?? {}, after.definition).map((c) => ({
      ...c,
      field: `definition.${c.field}`,
    })),
  ];
}
