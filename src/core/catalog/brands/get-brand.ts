import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { Brand } from '../types.ts';

export async function getBrand(db: Db, id: number): Promise<Brand> {
  const row = await db.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound(`brand ${id}`);
  return row;
}
