import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { authenticateStatisticToken } from '../../identity/statistic-token/authenticate-statistic-token.ts';
import type { ReportSourcing } from '../engine/choose-report-source.ts';
import { favoriteQuery } from '../favorites/favorite-view.ts';
import { getFavorite } from '../favorites/get-favorite.ts';
import { partnerOwner } from '../favorites/report-owner.ts';
import type { ExportFormat } from './export-formats.ts';
import { exportReport, type ReportFile } from './export-report.ts';

/**
 * A statistics feed: one of the token's user's favorites, its relative period resolved now (so
 * the same URL gives this month's figures next month too), exported whole in `format`, with the
 * user's affiliate's scope and visible columns. No session: the statistic token is the only
 * credential, and it reaches nothing but the feed. An unknown, expired or rotated token is 401; a
 * favorite that is not the user's is 404 like a missing one.
 */
export async function feedReport(options: {
  db: Db;
  token: string | undefined;
  favoriteId: number;
  format: ExportFormat;
  sourcing?: ReportSourcing;
}): Promise<ReportFile> {
  const principal = options.token ? await authenticateStatisticToken(options.db, options.token) : null;
  if (!principal) throw new AppError('unauthenticated', 'a valid statistic token is required');
  const favorite = await getFavorite({
    db: options.db,
    owner: partnerOwner(principal.user),
    id: options.favoriteId,
  });
  return exportReport({
    db: options.db,
    scope: { affiliateId: principal.affiliate.id },
    query: favoriteQuery(favorite),
    format: options.format,
    name: `feed-${favorite.id}`,
    ...(options.sourcing ? { sourcing: options.sourcing } : {}),
  });
}
