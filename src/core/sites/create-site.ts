import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { checkSiteInput, type SiteInput } from './site-input.ts';
import { recordSiteChange, type SiteView, siteView } from './site-view.ts';

/** An affiliate adds a website; it waits for the operator's review (`pending`). */
export async function createSite(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: SiteInput;
}): Promise<SiteView> {
  const values = await checkSiteInput(options.db, options.input);
  return inTransaction(options.db, async (trx) => {
    const affiliate = await trx
      .selectFrom('affiliates')
      .select('id')
      .where('id', '=', options.affiliateId)
      .executeTakeFirst();
    if (!affiliate) throw AppError.notFound('affiliate');
    const row = await trx
      .insertInto('affiliate_sites')
      .values({ ...values, affiliate_id: affiliate.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordSiteChange(trx, {
      site: row,
      action: 'created',
      actor: options.actor,
      detail: { name: row.name, url: row.url },
    });
    return siteView(row);
  });
}
