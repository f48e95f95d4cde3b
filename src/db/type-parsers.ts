/**
 * One set of result parsers for both drivers, so code never sees a value whose type depends on
 * which database it runs on: int8 is a bigint (money in minor units), numeric stays a string
 * (exact decimals go to decimal.js), and a date is its 'YYYY-MM-DD' text, never a shifted Date.
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const DATE_OID = 1082;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [INT8_OID]: (value) => BigInt(value),
  [NUMERIC_OID]: (value) => value,
  [DATE_OID]: (value) => value,
};
