import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordOperatorChange } from '../../audit/record-operator-change.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../users.ts';

/** A tag with its closed set of values (Smartico's custom_prop_<tag id> = <value id>). */
export interface CustomTag {
  id: number;
  name: string;
  description: string;
  values: { id: number; value: string; affiliate_count: number }[];
  created_at: Date;
}

export async function listCustomTags(db: Db, id?: number): Promise<CustomTag[]> {
  let tags = db.selectFrom('custom_tags').selectAll().orderBy('name').orderBy('id');
  if (id !== undefined) tags = tags.where('id', '=', id);
  const rows = await tags.execute();
  if (rows.length === 0) return [];
  const values = await db
    .selectFrom('custom_tag_values as v')
    .select((eb) => [
      'v.id',
      'v.tag_id',
      'v.value',
      eb
        .selectFrom('affiliate_custom_tags as a')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('a.value_id', '=', 'v.id')
        .as('n'),
    ])
    .where(
      'v.tag_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('v.id')
    .execute();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    created_at: t.created_at,
    values: values
      .filter((v) => v.tag_id === t.id)
      .map((v) => ({ id: v.id, value: v.value, affiliate_count: Number(v.n ?? 0) })),
  }));
}

export async function getCustomTag(db: Db, id: number): Promise<CustomTag> {
  const [tag] = await listCustomTags(db, id);
  if (!tag) throw AppError.notFound('custom tag');
  return tag;
}

function clean(value: string, path: string, max = 100): string {
  const v = value.trim();
  if (!v) throw AppError.field(path, 'must not be empty');
  if (v.length > max) throw AppError.field(path, `must be at most ${max} characters`);
  return v;
}

async function unique<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.field(path, 'already exists');
    throw error;
  }
}

export async function createCustomTag({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: { name: string; description?: string; values?: string[] };
}): Promise<CustomTag> {
  const name = clean(input.name, 'name');
  const values = (input.values ?? []).map((v, i) => clean(v, `values[${i}]`));
  const lowered = values.map((v) => v.toLowerCase());
  const dup = lowered.findIndex((v, i) => lowered.indexOf(v) !== i);
  if (dup >= 0) throw AppError.field(`values[${dup}]`, 'is repeated');
  const id = await inTransaction(db, async (trx) => {
    const tag = await unique('name', () =>
      trx
        .insertInto('custom_tags')
        .values({ name, description: input.description?.trim() ?? '' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    if (values.length) {
      await trx
        .insertInto('custom_tag_values')
        .values(values.map((value) => ({ tag_id: tag.id, value })))
        .execute();
    }
    await audit(trx, actor, 'custom_tag', tag.id, 'created', { name, values });
    return tag.id;
  });
  return getCustomTag(db, id);
}

export async function updateCustomTag({
  db,
  actor,
  id,
  input,
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: { name?: string; description?: string };
}): Promise<CustomTag> {
  await getCustomTag(db, id);
  const set: { name?: string; description?: string; updated_at: Date } = { updated_at: new Date() };
  if (input.name !== undefined) set.name = clean(input.name, 'name');
  if (input.description !== undefined) set.description = input.description.trim();
  await inTransaction(db, async (trx) => {
    await unique('name', () => trx.updateTable('custom_tags').set(set).where('id', '=', id).execute());
    const { updated_at: _at, ...changed } = set;
    await audit(trx, actor, 'custom_tag', id, 'updated', changed);
  });
  return getCustomTag(db, id);
}

function assertUnused(tag: CustomTag, valueId?: number): void {
  const used = tag.values.filter((v) => (valueId === undefined || v.id === valueId) && v.affiliate_count > 0);
  const count = used.reduce((n, v) => n + v.affiliate_count, 0);
  if (count > 0) throw new AppError('conflict', `in use by ${count} affiliates; change them first`);
}

export async function deleteCustomTag({
  db,
  actor,
  id,
}: {
  db: Db;
  actor: Actor;
  id: number;
}): Promise<void> {
  const tag = await getCustomTag(db, id);
  assertUnused(tag);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('custom_tags').where('id', '=', id).execute();
    await audit(trx, actor, 'custom_tag', id, 'deleted', { name: tag.name });
  });
}

export async function addCustomTagValue({
  db,
  actor,
  tagId,
  value,
}: {
  db: Db;
  actor: Actor;
  tagId: number;
  value: string;
}): Promise<CustomTag> {
  await getCustomTag(db, tagId);
  const clean_ = clean(value, 'value');
  await inTransaction(db, async (trx) => {
    const row = await unique('value', () =>
      trx
        .insertInto('custom_tag_values')
        .values({ tag_id: tagId, value: clean_ })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await audit(trx, actor, 'custom_tag_value', row.id, 'created', { tag_id: tagId, value: clean_ });
  });
  return getCustomTag(db, tagId);
}

/** Renaming a value keeps its id, so affiliates holding it now show the new text. */
export async function updateCustomTagValue({
  db,
  actor,
  tagId,
  valueId,
  value,
}: {
  db: Db;
  actor: Actor;
  tagId: number;
  valueId: number;
  value: string;
}): Promise<CustomTag> {
  const tag = await getCustomTag(db, tagId);
  if (!tag.values.some((v) => v.id === valueId)) throw AppError.notFound('custom tag value');
  const v = clean(value, 'value');
  await inTransaction(db, async (trx) => {
    await unique('value', () =>
      trx.updateTable('custom_tag_values').set({ value: v }).where('id', '=', valueId).execute(),
    );
    await audit(trx, actor, 'custom_tag_value', valueId, 'updated', { tag_id: tagId, value: v });
  });
  return getCustomTag(db, tagId);
}

export async function deleteCustomTagValue({
  db,
  actor,
  tagId,
  valueId,
}: {
  db: Db;
  actor: Actor;
  tagId: number;
  valueId: number;
}): Promise<CustomTag> {
  const tag = await getCustomTag(db, tagId);
  if (!tag.values.some((v) => v.id === valueId)) throw AppError.notFound('custom tag value');
  assertUnused(tag, valueId);
  const gone = tag.values.find((v) => v.id === valueId)?.value;
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('custom_tag_values').where('id', '=', valueId).execute();
    await audit(trx, actor, 'custom_tag_value', valueId, 'deleted', { tag_id: tagId, value: gone });
  });
  return getCustomTag(db, tagId);
}

function audit(
  db: Db,
  actor: Actor,
  entity: 'custom_tag' | 'custom_tag_value',
  id: number,
  action: string,
  detail: Record<string, unknown>,
) {
  return recordOperatorChange(db, { entity, id, action, actor, detail });
}
