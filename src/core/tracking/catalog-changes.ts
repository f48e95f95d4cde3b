import type { Kysely } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { CatalogChangesTable } from '../../db/tables/tracking.ts';
import { afterCommit } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import type { RouteChange } from './promo-routes.ts';

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

type Reload = (changes: RouteChange[]) => Promise<void>;
const reloaders = new WeakMap<Kysely<DB>, Reload>();

/** The tracking runtime of the database `db` opened: told of route changes after their commit. */
export function onRoutesChanged(db: Kysely<DB>, reload: Reload): void {
  reloaders.set(db, reload);
}

/**
 * Reports that a change touched click routes: once it commits, this process reloads them before the
 * caller answers (other processes hear the NOTIFY triggers of migration 0005).
 */
export function routesChanged(db: Db, change: RouteChange): Promise<void> {
  return afterCommit(db, (root) => reloaders.get(root)?.([change]));
}
