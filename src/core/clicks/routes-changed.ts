import type { Kysely } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import { afterCommit } from '../../db/transaction.ts';
import type { RouteChange } from './promo-routes.ts';

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
