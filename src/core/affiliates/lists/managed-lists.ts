import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordOperatorChange } from '../../audit/record-operator-change.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users.ts';

/** The simple managed lists: a name, a description, and for traffic sources a status. */
export const MANAGED_LISTS = ['tiers', 'labels', 'traffic_sources'] as const;
export type ManagedList = (typeof MANAGED_LISTS)[number];

const TABLE = {
  tiers: 'affiliate_tiers',
  labels: 'affiliate_labels',
  traffic_sources: 'traffic_sources',
} as const;
const NOUN = { tiers: 'tier', labels: 'label', traffic_sources: 'traffic source' } as const;

export interface ManagedEntry {
  id: number;
  name: string;
  description: string;
  status: 'active' | 'archived';
  /** How many affiliates use it. */
  affiliate_count: number;
  created_at: Date;
}

export interface ManagedEntryInput {
  name?: string;
  description?: string;
  status?: 'active' | 'archived';
}

function usage(list: ManagedList) {
  switch (list) {
    case 'tiers':
      return sql<bigint>`(select count(*) from affiliates a where a.tier_id = e.id)`;
    case 'labels':
      return sql<bigint>`(select count(*) from affiliates a where a.labels @> array[e.name])`;
    case 'traffic_sources':
      return sql<bigint>`(select count(*) from affiliates a where a.traffic_source_id = e.id
        or exists (select 1 from affiliate_traffic_sources t where t.affiliate_id = a.id and t.traffic_source_id = e.id))`;
  }
}

export async function listManagedEntries(db: Db, list: ManagedList, id?: number): Promise<ManagedEntry[]> {
  const status = list === 'traffic_sources' ? sql`e.status` : sql`'active'`;
  const where = id === undefined ? sql`` : sql`where e.id = ${id}`;
  const rows = await sql<Omit<ManagedEntry, 'affiliate_count'> & { affiliate_count: bigint }>`
    select e.id, e.name, e.description, ${status} as status, e.created_at, ${usage(list)} as affiliate_count
    from ${sql.table(TABLE[list])} e ${where} order by lower(e.name), e.id`.execute(db);
  return rows.rows.map((r) => ({ ...r, affiliate_count: Number(r.affiliate_count) }));
}

async function one(db: Db, list: ManagedList, id: number): Promise<ManagedEntry> {
  const [entry] = await listManagedEntries(db, list, id);
  if (!entry) throw AppError.notFound(NOUN[list]);
  return entry;
}

function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (!trimmed) throw AppError.field('name', 'must not be empty');
  if (trimmed.length > 64) throw AppError.field('name', 'must be at most 64 characters');
  return trimmed;
}

async function guardUnique<T>(list: ManagedList, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error))
      throw AppError.field('name', `a ${NOUN[list]} with this name already exists`);
    throw error;
  }
}

export async function createManagedEntry({
  db,
  actor,
  list,
  input,
}: {
  db: Db;
  actor: Actor;
  list: ManagedList;
  input: ManagedEntryInput;
}): Promise<ManagedEntry> {
  const name = cleanName(input.name);
  if (!name) throw AppError.field('name', 'is required');
  const values: Record<string, unknown> = { name, description: input.description?.trim() ?? '' };
  if (list === 'traffic_sources' && input.status) values.status = input.status;
  return inTransaction(db, async (trx) => {
    const row = await guardUnique(list, () =>
      trx
        .insertInto(TABLE[list])
        .values(values as never)
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await audit(trx, actor, list, row.id, 'created', values);
    return one(trx, list, row.id);
  });
}

/** Labels are stored by name on affiliates: a label in use keeps its name (delete or add another). */
export async function updateManagedEntry({
  db,
  actor,
  list,
  id,
  input,
}: {
  db: Db;
  actor: Actor;
  list: ManagedList;
  id: number;
  input: ManagedEntryInput;
}): Promise<ManagedEntry> {
  const current = await one(db, list, id);
  const name = cleanName(input.name);
  if (list === 'labels' && name !== undefined && name !== current.name && current.affiliate_count > 0) {
    throw new AppError(
      'conflict',
      `label "${current.name}" is used by ${current.affiliate_count} affiliates; it cannot be renamed`,
    );
  }
  const values: Record<string, unknown> = {};
  if (name !== undefined) values.name = name;
  if (input.description !== undefined) values.description = input.description.trim();
  if (list === 'traffic_sources' && input.status) values.status = input.status;
  if (list !== 'labels') values.updated_at = new Date();
  if (Object.keys(values).length === 0) return current;
  return inTransaction(db, async (trx) => {
    await guardUnique(list, () =>
      trx
        .updateTable(TABLE[list])
        .set(values as never)
        .where('id', '=', id)
        .execute(),
    );
    const { updated_at: _at, ...changed } = values;
    await audit(trx, actor, list, id, 'updated', changed);
    return one(trx, list, id);
  });
}

export async function deleteManagedEntry({
  db,
  actor,
  list,
  id,
}: {
  db: Db;
  actor: Actor;
  list: ManagedList;
  id: number;
}): Promise<void> {
  const current = await one(db, list, id);
  if (current.affiliate_count > 0) {
    const hint = list === 'traffic_sources' ? '; archive it instead' : '';
    throw new AppError(
      'conflict',
      `this ${NOUN[list]} is used by ${current.affiliate_count} affiliates${hint}`,
    );
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom(TABLE[list]).where('id', '=', id).execute();
    await audit(trx, actor, list, id, 'deleted', { name: current.name });
  });
}

/** The audit log's line for a change of a list entry: which list, and what it was given. */
function audit(db: Db, actor: Actor, list: ManagedList, id: number, action: string, detail: object) {
  return recordOperatorChange(db, {
    entity: 'managed_list_entry',
    id,
    action,
    actor,
    detail: { list, ...detail },
  });
}
