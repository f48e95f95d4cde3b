import type { Db } from '../../db/index.ts';
import type { Scope } from '../catalog/types.ts';
import { type Postback, toPostback } from './postback.ts';
import { findDefinition } from './postback-access.ts';

export async function getPostback(options: { db: Db; id: number; scope?: Scope }): Promise<Postback> {
  return toPostback(await findDefinition(options.db, options.id, options.scope ?? {}));
}
