import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';
import { type Postback, toPostback } from './postback.ts';
import { checkPostback, type PostbackInput } from './postback-input.ts';

/**
 * A postback of one affiliate. The scope (`{ affiliateId }` for the portal) fixes whose; an
 * operator names the affiliate, and a limited manager only one they manage.
 */
export async function createPostback(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: PostbackInput;
  scope?: Scope;
}): Promise<Postback> {
  const { db, affiliateId, input } = options;
  const scope = options.scope ?? {};
  if (scope.affiliateId !== undefined && scope.affiliateId !== affiliateId)
    throw AppError.notFound(`affiliate ${affiliateId}`);
  let affiliate = db.selectFrom('affiliates').select('id').where('id', '=', affiliateId);
  if (scope.managerId !== undefined) affiliate = affiliate.where('account_manager_id', '=', scope.managerId);
  const found = await affiliate.executeTakeFirst();
  const { state, problems } = await checkPostback(db, affiliateId, input);
  if (!found) problems.unshift({ path: 'affiliate_id', message: `no affiliate ${affiliateId} exists` });
  if (problems.length) throw AppError.validation(problems);
  const row = await db
    .insertInto('postback_definitions')
    .values(state)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPostback(row);
}
