import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import type { ClickPeriods } from './periods.ts';
import { type ClickCounts, noClicks, periodsIn, sumCounts, tallyClicks } from './tally.ts';

export interface CountClicksInput {
  db: Db;
  /** IANA name; "today" starts at midnight there. UTC when not given. */
  timeZone?: string;
  /** One affiliate's clicks (the portal), or a limited manager's affiliates'; otherwise all. */
  scope?: Scope;
}

/** Click and unique-click counts of the whole platform, or of what the scope reaches. */
export async function countClicks(
  input: CountClicksInput,
): Promise<{ periods: ClickPeriods; counts: ClickCounts }> {
  const { db, scope = {} } = input;
  const periods = periodsIn(input.timeZone);
  let counts: Map<number, ClickCounts>;
  if (scope.affiliateId !== undefined) {
    counts = await tallyClicks(db, 'affiliate', [scope.affiliateId], periods);
  } else if (scope.managerId !== undefined) {
    counts = await tallyClicks(db, 'affiliate', managedAffiliateIds(db, scope.managerId), periods);
  } else {
    counts = await tallyClicks(db, 'platform', [0], periods);
  }
  return { periods, counts: counts.size ? sumCounts(counts.values()) : noClicks() };
}
