// Amounts in words people read (messages, explanations, emails, the PDF): major units and the currency.
import type { Db } from '../../db/index.ts';

/** Minor units as a decimal string in major units: 1050 with 2 decimals is "10.50", -5 is "-0.05". */
export function majorUnits(amount: bigint, minorUnit: number): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(minorUnit + 1, '0');
  const whole = minorUnit ? digits.slice(0, -minorUnit) : digits;
  const fraction = minorUnit ? `.${digits.slice(-minorUnit)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Minor units as major units with the currency's own number of decimals: `1,234.50 EUR`. */
export function formatWithUnit(amount: bigint, currency: string, minorUnit: number): string {
  const [whole = '', fraction] = majorUnits(amount, minorUnit).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

export async function minorUnitOf(db: Db, currency: string): Promise<number> {
  const row = await db
    .selectFrom('currencies')
    .select('minor_unit')
    .where('code', '=', currency)
    .executeTakeFirst();
  return row?.minor_unit ?? 2;
}

export async function formatMinor(db: Db, amount: bigint, currency: string): Promise<string> {
  return formatWithUnit(amount, currency, await minorUnitOf(db, currency));
}
