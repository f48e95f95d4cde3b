import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type ReportOwnerType = 'staff' | 'api_key' | 'affiliate_user';
type Json<T> = ColumnType<T, string, string>;
type Count = ColumnType<bigint, bigint | number | undefined, bigint | number>;

export interface ReportFavoritesTable {
  id: Generated<number>;
  owner_type: ReportOwnerType;
  owner_id: number;
  affiliate_id: number | null;
  name: string;
  report: Json<Record<string, unknown>>;
  dates: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface RequestedReportsTable {
  id: Generated<number>;
  owner_type: ReportOwnerType;
  owner_id: number;
  affiliate_id: number | null;
  name: Generated<string>;
  report: Json<Record<string, unknown>>;
  format: 'xlsx' | 'csv';
  state: Generated<'processing' | 'failed' | 'successful'>;
  rows_written: Count;
  total_rows: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  error: string | null;
  xlsx_key: string | null;
  zip_key: string | null;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
  finished_at: Date | null;
  expires_at: Date;
}

/** Favorites and requested reports (migration 0051). */
export interface ReportFileTables {
  report_favorites: ReportFavoritesTable;
  requested_reports: RequestedReportsTable;
}
