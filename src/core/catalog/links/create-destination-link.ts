import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assertMayReferenceAffiliates } from '../../auth/managed-affiliates.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { DestinationLink, Scope } from '../types.ts';
import { getDestinationLink } from './get-destination-link.ts';
import { checkLinkInput, type LinkInput, saveLinkLists } from './link-input.ts';

/** A limited manager (`scope.managerId`) may grant the link only to affiliates they manage. */
export async function createDestinationLink({
  db,
  actor,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  input: LinkInput & { brand_id: number; name: string; url: string };
  scope?: Scope;
}): Promise<DestinationLink> {
  if (scope.managerId !== undefined && input.private_affiliate_ids) {
    await assertMayReferenceAffiliates(
      db,
      scope.managerId,
      'private_affiliate_ids',
      input.private_affiliate_ids,
    );
  }
  const values = await checkLinkInput(db, input);
  const { private_affiliate_ids: _grants, asset_ids: _assets, ...columns } = values;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('destination_links')
      .values({ ...columns, brand_id: input.brand_id, name: values.name!, url: values.url! })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveLinkLists(trx, row.id, values);
    await recordCatalogChange(trx, {
      entity: 'destination_link',
      id: row.id,
      action: 'created',
      actor,
      fields: input,
    });
    return getDestinationLink(trx, row.id, scope);
  });
}
