import type { Db } from '../../../db/index.ts';
import type { Brand } from '../types.ts';

export async function listBrands(db: Db, filter: { enabled?: boolean } = {}): Promise<Brand[]> {
  let query = db.selectFrom('brands').selectAll().orderBy('id');
  if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled);
  return query.execute();
}
