import type { Db } from '../../db/index.ts';
import { type TermsVersion, versionRows } from './terms-version.ts';

export interface TermsVersionSummary extends TermsVersion {
  /** How many affiliates accepted this version. */
  accepted_count: number;
}

/** Every published version, newest (the current terms) first, with how many affiliates accepted each. */
export async function listTermsVersions({ db }: { db: Db }): Promise<TermsVersionSummary[]> {
  const [versions, counts] = await Promise.all([
    versionRows(db).execute(),
    db
      .selectFrom('terms_acceptances')
      .select(['terms_version_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('terms_version_id')
      .execute(),
  ]);
  const byVersion = new Map(counts.map((c) => [c.terms_version_id, Number(c.n)]));
  return versions.map((v) => ({ ...v, accepted_count: byVersion.get(v.id) ?? 0 }));
}
