import type { Db } from '../../../db/index.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { type AssignmentTarget, type PlanAssignment, toAssignment } from './assignment.ts';
import type { PlanVersion } from './plan.ts';
import { versionAt, versionsOf } from './plan-rows.ts';

export interface PlanResolution {
  /** Which level decided: the campaign's plan, else the affiliate's, else the brand's default. */
  source: AssignmentTarget | null;
  plan: { id: number; name: string; currency: string; status: 'active' | 'archived' } | null;
  /** The plan's version in force at `at`; null when the plan's first version is still to come. */
  version: PlanVersion | null;
  assignment: PlanAssignment | null;
  /** Each level looked at, in order, with the assignment in force there (or null). */
  checked: { target: AssignmentTarget; assignment: PlanAssignment | null }[];
  explanation: string;
  at: Date;
}

/**
 * Which plan and version apply to an affiliate's customer of a brand (through a campaign or not)
 * at `at`, and why. Precedence: the campaign's plan, then the affiliate's own plan on the brand,
 * then the brand's default. At each level the latest assignment whose effective date has come
 * is in force; one with no plan (ended) passes the decision to the next level.
 */
export async function resolvePlan(options: {
  db: Db;
  affiliateId: number;
  brandId?: number;
  campaignId?: number;
  at?: Date;
}): Promise<PlanResolution> {
  const { db, affiliateId, campaignId } = options;
  const at = options.at ?? new Date();
  const problems: FieldError[] = [];
  const [affiliate, campaign] = await Promise.all([
    db.selectFrom('affiliates').select('id').where('id', '=', affiliateId).executeTakeFirst(),
    campaignId === undefined
      ? undefined
      : db
          .selectFrom('campaigns')
          .select(['id', 'brand_id', 'affiliate_id'])
          .where('id', '=', campaignId)
          .executeTakeFirst(),
  ]);
  if (!affiliate) problems.push({ path: 'affiliate_id', message: `affiliate ${affiliateId} does not exist` });
  if (campaignId !== undefined && (!campaign || campaign.affiliate_id !== affiliateId))
    problems.push({ path: 'campaign_id', message: `the affiliate has no campaign ${campaignId}` });
  const brandId = options.brandId ?? campaign?.brand_id;
  if (brandId === undefined && campaignId === undefined)
    problems.push({ path: 'brand_id', message: 'is required without a campaign_id' });
  if (campaign && options.brandId !== undefined && campaign.brand_id !== options.brandId)
    problems.push({ path: 'brand_id', message: `must be the campaign's brand (${campaign.brand_id})` });
  if (problems.length) throw AppError.validation(problems);

  const rows = await db
    .selectFrom('commission_plan_assignments')
    .selectAll()
    .where('brand_id', '=', brandId as number)
    .where('effective_from', '<=', at)
    .where((eb) =>
      eb.or([
        eb('target', '=', 'brand'),
        eb.and([eb('target', '=', 'affiliate'), eb('affiliate_id', '=', affiliateId)]),
        ...(campaignId !== undefined
          ? [eb.and([eb('target', '=', 'campaign'), eb('campaign_id', '=', campaignId)])]
          : []),
      ]),
    )
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const levels: AssignmentTarget[] =
    campaignId !== undefined ? ['campaign', 'affiliate', 'brand'] : ['affiliate', 'brand'];
  const checked = levels.map((target) => {
    const row = rows.find((r) => r.target === target);
    return { target, assignment: row ? toAssignment(row) : null };
  });
  const decided = checked.find((c) => c.assignment?.plan_id != null) ?? null;
  const base = { checked, at };
  if (!decided)
    return {
      ...base,
      source: null,
      plan: null,
      version: null,
      assignment: null,
      explanation: `No plan applies at ${at.toISOString()}: ${levels.map(nothingAt).join(', ')}.`,
    };
  const assignment = decided.assignment as PlanAssignment;
  const plan = await db
    .selectFrom('commission_plans')
    .select(['id', 'name', 'currency', 'status'])
    .where('id', '=', assignment.plan_id as number)
    .executeTakeFirstOrThrow();
  const version = versionAt(await versionsOf(db, [plan.id]), at);
  const passed = levels.slice(0, levels.indexOf(decided.target)).map(nothingAt);
  const why = `${LEVEL[decided.target]} plan since ${assignment.effective_from.toISOString()}`;
  const versionText = version
    ? `version ${version.version} (in force since ${version.effective_from.toISOString()})`
    : 'no version in force yet';
  return {
    ...base,
    source: decided.target,
    plan,
    version,
    assignment,
    explanation: `${plan.name}, ${versionText}: the ${why}${passed.length ? `; ${passed.join(', ')}` : ''}.`,
  };
}

const LEVEL: Record<AssignmentTarget, string> = {
  campaign: "campaign's",
  affiliate: "affiliate's own",
  brand: "brand's default",
};

const nothingAt = (target: AssignmentTarget) =>
  target === 'brand' ? 'the brand has no default plan' : `the ${target} has no plan of its own`;
