import type { Db } from '../../db/index.ts';
import type { Actor } from '../actor.ts';
import { isHttpUrl } from '../affiliates/formats.ts';
import { AppError, type FieldError } from '../errors.ts';
import {
  getProgram,
  PROGRAM_KEY,
  type Program,
  type ProgramSettings,
  readProgramSettings,
  TRACE_VISIBILITIES,
  type TraceVisibility,
} from './get-program.ts';

export interface ProgramChange {
  /** Empty or null: unnamed again (the portal then names it after the only brand). */
  name?: string | null;
  /** Empty or null: the sign-up form links to no terms. */
  terms_url?: string | null;
  commission_trace_visibility?: TraceVisibility;
}

const MAX_NAME = 100;

/** Names the program, sets its terms link and what affiliates see of traces; every bad field in one answer. */
export async function updateProgram({
  db,
  actor,
  change,
}: {
  db: Db;
  actor: Actor;
  change: ProgramChange;
}): Promise<Program> {
  const problems: FieldError[] = [];
  const next: ProgramSettings = { ...(await readProgramSettings(db)) };
  if (change.name !== undefined) {
    next.name = change.name?.trim() || null;
    if (next.name && next.name.length > MAX_NAME)
      problems.push({ path: 'name', message: `must be at most ${MAX_NAME} characters` });
  }
  if (change.terms_url !== undefined) {
    next.terms_url = change.terms_url?.trim() || null;
    if (next.terms_url && !isHttpUrl(next.terms_url))
      problems.push({ path: 'terms_url', message: 'enter a web address like https://example.com/terms' });
  }
  if (change.commission_trace_visibility !== undefined) {
    if (!TRACE_VISIBILITIES.includes(change.commission_trace_visibility))
      problems.push({
        path: 'commission_trace_visibility',
        message: `must be one of ${TRACE_VISIBILITIES.join(', ')}`,
      });
    else next.commission_trace_visibility = change.commission_trace_visibility;
  }
  if (problems.length > 0) throw AppError.validation(problems);
  // The default (the sentence) is not stored: the settings keep the shape they had before it.
  const { commission_trace_visibility: shown, ...rest } = next;
  const value = JSON.stringify(shown === 'sentence' ? rest : next);
  const staffId = actor.type === 'staff' ? actor.id : null;
  await db
    .insertInto('platform_settings')
    .values({ key: PROGRAM_KEY, value, updated_by_staff_id: staffId })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value, updated_at: new Date(), updated_by_staff_id: staffId }),
    )
    .execute();
  return getProgram(db);
}
