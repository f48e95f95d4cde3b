// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import type { FraudMode, FraudRuleName } from '../../../db/tables/events.ts';
import type { FieldError } from '../../errors.ts';
import { DEFAULT_FAST_REGISTRATION_SECONDS, DUPLICATE_MATCH_FIELDS } from '../../events/fraud/check-fraud.ts';

const SETTINGS: Record<FraudRuleName, readonly string[]> = {
  bot_click: [],
  fast_registration: ['seconds'],
  self_referral: [],
  duplicate_customer: ['match'],
  country_not_allowed: ['countries'],
};

/** A rule's stored settings with the defaults of those never set. */
export function effectiveParams(
  rule: FraudRuleName,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  switch (rule) {
    case 'fast_registration':
      return { seconds: stored.seconds ?? DEFAULT_FAST_REGISTRATION_SECONDS };
    case 'duplicate_customer':
      return { match: stored.match ?? [...DUPLICATE_MATCH_FIELDS] };
    case 'country_not_allowed':
      return { countries: stored.countries ?? [] };
    default:
      return {};
  }
}

const words = (list: readonly string[]) =>
  list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;

/**
 * Checks a rule's settings and gives them back normalised with their defaults (what the fraud
 * check reads), or every problem with its path under `params`.
 */
export async function checkRuleParams(
  db: Db,
  rule: FraudRuleName,
  mode: FraudMode,
  params: Record<string, unknown>,
): Promise<{ params: Record<string, unknown>; problems: FieldError[] }> {
  const problems: FieldError[] = [];
  const allowed = SETTINGS[rule];
  for (const key of Object.keys(params))
    if (!allowed.includes(key))
      problems.push({
        path: `params.${key}`,
        message: allowed.length
          ? `is not a setting of ${rule} (its setting is ${words(allowed)})`
          : `is not a setting of ${rule}, which has none`,
      });
  const out = effectiveParams(rule, params);

  if (rule === 'fast_registration') {
    const seconds = out.seconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
      problems.push({ path: 'params.seconds', message: 'must be a whole number of seconds from 1 to 3600' });
  }

  if (rule === 'duplicate_customer') {
    const match = Array.isArray(out.match) ? (out.match as unknown[]) : [];
    if (match.length === 0)
      problems.push({
        path: 'params.match',
        message: `choose at least one of ${words(DUPLICATE_MATCH_FIELDS)}`,
      });
    match.forEach((field, i) => {
      if (!DUPLICATE_MATCH_FIELDS.includes(field as never))
        problems.push({ path: `params.match[${i}]`, message: `must be ${words(DUPLICATE_MATCH_FIELDS)}` });
    });
    out.match = DUPLICATE_MATCH_FIELDS.filter((f) => match.includes(f));
  }

  if (rule === 'country_not_allowed') {
    const given = Array.isArray(out.countries) ? (out.countries as unknown[]) : [];
    const codes = given.map((c) => (typeof c === 'string' ? c.trim().toUpperCase() : ''));
    const known = codes.some((c) => /^[A-Z]{2}$/.test(c))
      ? new Set(
          (
            await db
              .selectFrom('countries')
              .select('code')
              .where(
                'code',
                'in',
                codes.filter((c) => /^[A-Z]{2}$/.test(c)),
              )
              .execute()
          ).map((c) => c.code),
        )
      : new Set<string>();
    codes.forEach((code, i) => {
      if (!/^[A-Z]{2}$/.test(code))
        problems.push({
          path: `params.countries[${i}]`,
          message: 'must be a two-letter country code, e.g. DE',
        });
      else if (!known.has(code))
        problems.push({ path: `params.countries[${i}]`, message: `unknown country "${code}"` });
    });
    if (mode !== 'off' && codes.length === 0)
      problems.push({
        path: 'params.countries',
        message: 'list at least one country customers may come from, or switch the rule off',
      });
    out.countries = [...new Set(codes)].sort();
  }
  return { params: out, problems };
}
