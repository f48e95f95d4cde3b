import type { WalletType } from '../wallet/wallet-types.ts';

/**
 * The least and most one cash-out may move, per payment method, in major units of the cash-out's
 * currency (10 is 10.00 EUR, 10 USDT). Until payment methods carry their own limits these are the
 * platform's: bank transfers and checks cost the operator a fixed fee, so their minimum is higher.
 */
export const CASH_OUT_LIMITS: Record<WalletType, { min: number; max: number }> = {
  paypal: { min: 10, max: 10_000 },
  check: { min: 100, max: 50_000 },
  wire: { min: 50, max: 1_000_000 },
  direct_deposit: { min: 50, max: 1_000_000 },
  tipalti: { min: 20, max: 100_000 },
  paxum: { min: 10, max: 50_000 },
  veem: { min: 20, max: 100_000 },
  payoneer: { min: 20, max: 100_000 },
  bitcoin: { min: 20, max: 100_000 },
  webmoney: { min: 10, max: 10_000 },
  capitalist: { min: 10, max: 50_000 },
  transferwise: { min: 20, max: 100_000 },
  gift_card: { min: 10, max: 1_000 },
  masspay: { min: 10, max: 50_000 },
  skrill: { min: 10, max: 10_000 },
  coinspaid: { min: 20, max: 100_000 },
  neteller: { min: 10, max: 10_000 },
  bank_transfer: { min: 50, max: 1_000_000 },
  player_account: { min: 1, max: 10_000 },
  other: { min: 10, max: 50_000 },
};

/** A method's limits in minor units of a currency with `minorUnit` decimals. */
export function limitsInMinorUnits(method: WalletType, minorUnit: number) {
  const factor = 10n ** BigInt(minorUnit);
  const { min, max } = CASH_OUT_LIMITS[method];
  return { min: BigInt(min) * factor, max: BigInt(max) * factor };
}

// Amounts in major units (12345 with 2 decimals is "123.45"): the platform's one formatter.
export { majorUnits } from '../../reference/money-format.ts';
