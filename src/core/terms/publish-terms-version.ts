import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import { BODY_MAX, SUMMARY_MAX, type TermsVersion, TITLE_MAX, versionRows } from './terms-version.ts';

export interface TermsInput {
  title: string;
  body: string;
  summary?: string;
}

/**
 * Publishes the next version of the terms: it becomes the current terms at once, and every
 * affiliate who has not accepted it is asked to in the portal. Earlier versions stay as they were.
 */
export async function publishTermsVersion({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: TermsInput;
}): Promise<TermsVersion> {
  const title = input.title.trim();
  const body = input.body.trim();
  const summary = input.summary?.trim() ?? '';
  const problems: FieldError[] = [];
  if (!title) problems.push({ path: 'title', message: 'is required' });
  else if (title.length > TITLE_MAX)
    problems.push({ path: 'title', message: `must be at most ${TITLE_MAX} characters` });
  if (!body) problems.push({ path: 'body', message: 'is required' });
  else if (body.length > BODY_MAX)
    problems.push({ path: 'body', message: `must be at most ${BODY_MAX} characters` });
  if (summary.length > SUMMARY_MAX)
    problems.push({ path: 'summary', message: `must be at most ${SUMMARY_MAX} characters` });
  if (problems.length > 0) throw AppError.validation(problems);
  return inTransaction(db, async (trx) => {
    // Two publishers at once must not both take the same next number.
    await sql`select pg_advisory_xact_lock(hashtext('terms_versions'))`.execute(trx);
    const last = await trx
      .selectFrom('terms_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('terms_versions')
      .values({ version: (last?.version ?? 0) + 1, title, body, summary, ...actorColumns(actor) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return versionRows(trx).where('id', '=', id).executeTakeFirstOrThrow();
  });
}
