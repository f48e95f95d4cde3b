import { type ClickHouseClient, type ClickHouseSettings, createClient } from '@clickhouse/client';
import type { AnalyticsConfig } from '../../config.ts';

/** The `connection` hook of `@clickhouse/client` (tests plug the embedded chdb engine in here). */
export type AnalyticsConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

export type QueryParams = Record<string, unknown>;

export interface QueryOptions {
  signal?: AbortSignal;
  /** Settings of this statement beside the store's. */
  settings?: ClickHouseSettings;
}

/**
 * The one way to ClickHouse: every statement bound by parameters (`{name:Type}`, never built
 * from values), 64-bit integers quoted in JSON so amounts keep every digit, a server-side time
 * limit and the caller's AbortSignal.
 */
export interface AnalyticsStore {
  readonly database: string;
  readonly config: AnalyticsConfig;
  query<T>(query: string, params?: QueryParams, options?: QueryOptions): Promise<T[]>;
  command(query: string, params?: QueryParams, options?: QueryOptions): Promise<void>;
  /** One insert of JSON rows; `token` makes a retried batch a no-op (insert deduplication). */
  insert(table: string, rows: readonly object[], token?: string, options?: QueryOptions): Promise<void>;
  close(): Promise<void>;
}

export function openAnalyticsStore(
  config: AnalyticsConfig,
  connection?: AnalyticsConnection,
): AnalyticsStore {
  const settings: ClickHouseSettings = {
    output_format_json_quote_64bit_integers: 1,
    // The client's timeout ends the request; this ends the work on the server too.
    max_execution_time: Math.ceil(config.queryTimeoutMs / 1000),
    date_time_input_format: 'best_effort',
  };
  const client: ClickHouseClient = createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    database: config.database,
    request_timeout: config.queryTimeoutMs + 1000,
    clickhouse_settings: settings,
    application: 'affluent',
    ...(connection ? { connection } : {}),
  });
  return {
    database: config.database,
    config,
    async query<T>(query: string, params: QueryParams = {}, options: QueryOptions = {}) {
      const result = await client.query({
        query,
        query_params: params,
        format: 'JSONEachRow',
        abort_signal: options.signal,
        clickhouse_settings: { ...settings, ...options.settings },
      });
      return result.json<T>();
    },
    async command(query: string, params: QueryParams = {}, options: QueryOptions = {}) {
      await client.command({
        query,
        query_params: params,
        abort_signal: options.signal,
        clickhouse_settings: { ...settings, ...options.settings },
      });
    },
    async insert(table: string, rows: readonly object[], token?: string, options: QueryOptions = {}) {
      if (rows.length === 0) return;
      await client.insert({
        table,
        values: rows as object[],
        format: 'JSONEachRow',
        abort_signal: options.signal,
        clickhouse_settings: {
          ...settings,
          ...(token ? { insert_deduplication_token: token, insert_deduplicate: 1 } : {}),
          // A retried batch must not reach the rollups twice either.
          deduplicate_blocks_in_dependent_materialized_views: 1,
        },
      });
    },
    close: () => client.close(),
  };
}

/** ClickHouse's error number (`code`, a string of digits) of a failed statement, if it is one. */
export function analyticsErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^\d+$/.test(code) ? code : undefined;
}
