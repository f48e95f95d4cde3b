import { SYSTEM } from '../../../src/core/actor.ts';
import { createSite } from '../../../src/core/sites/create-site.ts';
import type { IdentityTestApp } from '../../identity/helpers.ts';

export interface SitesWorld {
  /** A pending site of A and one of B. */
  aSiteId: number;
  bSiteId: number;
}

export async function seedSites(t: IdentityTestApp, aId: number, bId: number): Promise<SitesWorld> {
  const one = async (affiliateId: number) =>
    (
      await createSite({
        db: t.db,
        actor: SYSTEM,
        affiliateId,
        input: {
          name: `Shop ${affiliateId}`,
          url: `https://shop${affiliateId}.example.com`,
          category_code: 101,
        },
      })
    ).id;
  return { aSiteId: await one(aId), bSiteId: await one(bId) };
}
