// @internal: only core/catalog imports this file.
import type { Db } from '../../db/index.ts';
import type { CatalogChangesTable } from '../../db/tables/tracking.ts';
import { type Actor, actorColumns } from '../actor.ts';

/** Appends who changed which catalog row and which fields, in the transaction of the change. */
export async function recordCatalogChange(
  db: Db,
  change: {
    entity: CatalogChangesTable['entity'];
    id: number;
    action: string;
    actor: Actor;
    fields?: object;
  },
): Promise<void> {
  await db
    .insertInto('catalog_changes')
    .values({
      entity: change.entity,
      entity_id: change.id,
      action: change.action,
      ...actorColumns(change.actor),
      fields: JSON.stringify(Object.keys(change.fields ?? {}).sort()),
    })
    .execute();
}
