import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type BrandInput, checkBrandInput } from './brand-input.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { Brand } from './types.ts';

export async function createBrand(
  db: Db,
  input: BrandInput & { name: string; base_currency: string },
): Promise<Brand> {
  const values = await checkBrandInput(db, input);
  try {
    return await db
      .insertInto('brands')
      .values({
        name: values.name!,
        base_currency: values.base_currency!,
        tracking_domain: values.tracking_domain ?? null,
        enabled: values.enabled ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `a brand named "${values.name}" exists`);
    throw error;
  }
}
