import type { Db } from '../../db/index.ts';
import type { OperatorChangesTable } from '../../db/tables/audit.ts';
import { type Actor, actorColumns } from '../actor.ts';

export interface OperatorChange {
  entity: OperatorChangesTable['entity'];
  /** The row's id or code; omitted for a change of many rows (a load of exchange rates). */
  id?: number | string | bigint;
  action: string;
  actor: Actor;
  /** What changed, as the audit log shows it: never a secret (a key, a password). */
  detail?: Record<string, unknown>;
}

/** Appends who changed which setting, in the transaction of the change (give it that `db`). */
export async function recordOperatorChange(db: Db, change: OperatorChange): Promise<void> {
  await db
    .insertInto('operator_changes')
    .values({
      entity: change.entity,
      entity_id: change.id === undefined ? null : String(change.id),
      action: change.action,
      detail: JSON.stringify(change.detail ?? {}),
      ...actorColumns(change.actor),
    })
    .execute();
}
