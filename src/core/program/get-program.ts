import type { Db } from '../../db/index.ts';

/** The affiliate program as affiliates meet it: its name, its terms, and the brands it promotes. */
export interface Program {
  /** The name the portal shows; the operator's, or one made of the only brand's name. */
  name: string;
  /** What the operator typed; null until they named the program. */
  configured_name: string | null;
  /** Where the terms and conditions are read; null: the sign-up form links to none. */
  terms_url: string | null;
  brands: { id: number; name: string }[];
  /** What affiliates see of a commission's trace in the portal and the partner API. */
  commission_trace_visibility: TraceVisibility;
}

/** nothing; the readable sentence; the sentence and the trace's inputs (events, amounts, rule). */
export const TRACE_VISIBILITIES = ['none', 'sentence', 'sentence_and_inputs'] as const;
export type TraceVisibility = (typeof TRACE_VISIBILITIES)[number];

/** What platform_settings holds under `program`. */
export interface ProgramSettings {
  name: string | null;
  terms_url: string | null;
  commission_trace_visibility: TraceVisibility;
}

export const PROGRAM_KEY = 'program';

/** The stored settings, without the defaults the portal fills in. */
export async function readProgramSettings(db: Db): Promise<ProgramSettings> {
  const row = await db
    .selectFrom('platform_settings')
    .select('value')
    .where('key', '=', PROGRAM_KEY)
    .executeTakeFirst();
  const value = (row?.value ?? {}) as Partial<ProgramSettings>;
  return {
    name: value.name ?? null,
    terms_url: value.terms_url ?? null,
    commission_trace_visibility: value.commission_trace_visibility ?? 'sentence',
  };
}

/**
 * The program, for the portal's header, sign-in and sign-up pages (public) and the back office. An
 * unnamed program with one brand is called after it ("Acme affiliate program").
 */
export async function getProgram(db: Db): Promise<Program> {
  const [settings, brands] = await Promise.all([
    readProgramSettings(db),
    db.selectFrom('brands').select(['id', 'name']).where('enabled', '=', true).orderBy('name').execute(),
  ]);
  const fallback = brands.length === 1 ? `${brands[0]!.name} affiliate program` : 'Affiliate program';
  return {
    name: settings.name ?? fallback,
    configured_name: settings.name,
    terms_url: settings.terms_url,
    brands,
    commission_trace_visibility: settings.commission_trace_visibility,
  };
}
