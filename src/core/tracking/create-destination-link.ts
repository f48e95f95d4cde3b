import type { Db } from '../../db/index.ts';
import { getDestinationLink } from './get-destination-link.ts';
import { checkLinkInput, type LinkInput, saveLinkLists } from './link-input.ts';
import type { DestinationLink } from './types.ts';

export async function createDestinationLink(
  db: Db,
  input: LinkInput & { brand_id: number; name: string; url: string },
): Promise<DestinationLink> {
  const values = await checkLinkInput(db, input);
  const { private_affiliate_ids: _grants, asset_ids: _assets, ...columns } = values;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('destination_links')
      .values({ ...columns, brand_id: input.brand_id, name: values.name!, url: values.url! })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveLinkLists(trx, row.id, values);
    return getDestinationLink(trx, row.id);
  });
}
