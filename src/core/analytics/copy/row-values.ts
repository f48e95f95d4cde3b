// @internal: PostgreSQL values as ClickHouse's JSONEachRow takes them (no nulls: '' and 0).
export const time = (d: Date) => d.toISOString();
export const str = (v: string | null | undefined) => v ?? '';
export const int = (v: number | bigint | null | undefined) => String(v ?? 0);
