-- Reports sum bigint rollup columns. The built-in sum(bigint) returns numeric and keeps a
-- numeric (or 128-bit) state allocated per group: a day-by-affiliate report of 90,000 groups
-- spent most of its time and 120 MB in those states. report_sum keeps a plain bigint state
-- (int8pl raises on overflow rather than wrapping), so grouping costs a few bytes per group.
-- Like sum, it is null over no rows (or only nulls).
create aggregate report_sum(bigint) (
  sfunc = int8pl,
  stype = bigint,
  combinefunc = int8pl,
  parallel = safe
);
