import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assertMayReferenceAffiliates, withHiddenGrants } from '../../auth/managed-affiliates.ts';
import { routesChanged } from '../../clicks/routes-changed.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { DestinationLink, Scope } from '../types.ts';
import { getDestinationLink } from './get-destination-link.ts';
import { checkLinkInput, type LinkInput, saveLinkLists } from './link-input.ts';

/**
 * Changes take effect on the next click of every promo using the link: the click cache reloads
 * them after the commit (other server processes hear it through NOTIFY). A limited
 * manager (`scope.managerId`) grants and withdraws the link only for affiliates they manage.
 */
export async function updateDestinationLink({
  db,
  actor,
  id,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: LinkInput;
  scope?: Scope;
}): Promise<DestinationLink> {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('destination_links')
      .select(['id', 'url_ab', 'ab_split', 'brand_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw AppError.notFound(`destination link ${id}`);
    if (input.brand_id !== undefined && input.brand_id !== current.brand_id) {
      const used = await trx
        .selectFrom('promos')
        .select('id')
        .where('destination_link_id', '=', id)
        .executeTakeFirst();
      if (used) throw new AppError('invalid_state', 'promos use this link, so its brand cannot change');
    }
    const { managerId } = scope;
    if (managerId !== undefined && input.private_affiliate_ids) {
      await assertMayReferenceAffiliates(
        trx,
        managerId,
        'private_affiliate_ids',
        input.private_affiliate_ids,
      );
    }
    const values = await checkLinkInput(trx, input, current);
    if (managerId !== undefined && values.private_affiliate_ids) {
      const granted = await trx
        .selectFrom('destination_link_affiliates')
        .select('affiliate_id')
        .where('destination_link_id', '=', id)
        .execute();
      values.private_affiliate_ids = await withHiddenGrants(
        trx,
        managerId,
        granted.map((g) => g.affiliate_id),
        values.private_affiliate_ids,
      );
    }
    const { private_affiliate_ids: _grants, asset_ids: _assets, ...columns } = values;
    await trx
      .updateTable('destination_links')
      .set({ ...columns, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await saveLinkLists(trx, id, values);
    await recordCatalogChange(trx, {
      entity: 'destination_link',
      id,
      action: 'updated',
      actor,
      fields: input,
    });
    await routesChanged(trx, { table: 'destination_links', id });
    return getDestinationLink(trx, id, scope);
  });
}
