import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { type VersionChange, versionChanges } from './list-plan-versions.ts';
import type { PlanVersion } from './plan.ts';
import { findPlanRow, versionsOf } from './plan-rows.ts';

/** One version of a plan, with its diff from the one before. */
export async function getPlanVersion(options: {
  db: Db;
  planId: number;
  version: number;
}): Promise<PlanVersion & { changes: VersionChange[] }> {
  await findPlanRow(options.db, options.planId);
  const versions = await versionsOf(options.db, [options.planId]);
  const i = versions.findIndex((v) => v.version === options.version);
  const found = versions[i];
  if (!found) throw AppError.notFound('commission plan version');
  return { ...found, changes: versionChanges(versions[i - 1], found) };
}
