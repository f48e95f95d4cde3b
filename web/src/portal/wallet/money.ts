import { useQuery } from '@tanstack/react-query';
import { minorToInput } from '../../forms/amount.ts';
import { currencyListQuery } from '../../reference/pickers.tsx';

/** Decimals of each currency, for showing and typing amounts in major units. */
export function useMinorUnits(): (code: string) => number {
  const list = useQuery(currencyListQuery('partner'));
  const units = new Map((list.data?.data ?? []).map((c) => [c.code, c.minor_unit]));
  return (code) => units.get(code) ?? 2;
}

export const shown = (minor: number, currency: string, unit: number) =>
  `${minorToInput(minor, unit)} ${currency}`;
