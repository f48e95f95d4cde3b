import type { Db } from '../../db/index.ts';

/** One published version of the program's terms and conditions; never changed once published. */
export interface TermsVersion {
  id: number;
  version: number;
  title: string;
  body: string;
  summary: string;
  published_at: Date;
  published_by: string;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const SUMMARY_MAX = 2_000;

/** The versions as rows, newest first; `current` is the first. */
export function versionRows(db: Db) {
  return db
    .selectFrom('terms_versions')
    .select(['id', 'version', 'title', 'body', 'summary', 'published_at', 'actor_name as published_by'])
    .orderBy('version', 'desc');
}

/** The current terms (the last published version), or null before any is published. */
export async function currentTermsVersion(db: Db): Promise<TermsVersion | null> {
  return (await versionRows(db).limit(1).executeTakeFirst()) ?? null;
}
