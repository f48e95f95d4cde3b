import type { FieldError } from '../errors.ts';

/**
 * Postback URL templates. A variable is written `${name}` (Affilka) or `{{name}}` (Smartico);
 * both mean the same. The standard names below are filled from the event; any other name is a
 * custom parameter of the click (`${webID}` is the value of `webID=` on the tracking link). A
 * variable without a value (a parameter the click did not carry, a commission on a registration)
 * is sent empty, never as the literal `${name}`. Values are percent-encoded.
 */
export const STANDARD_VARIABLES = {
  click_id: 'The click id the customer came with',
  visit_id: 'The same as click_id (Affilka name)',
  promo_id: 'The promo (tracking link) id',
  promo_code: 'The promo code of the tracking link',
  campaign_id: 'The campaign id',
  campaign_name: 'The campaign name',
  brand_id: 'The brand id',
  affiliate_id: 'Your affiliate id',
  action: 'What triggered the postback: registration, first_deposit, ...',
  event_type: 'The event type: registration, deposit, sale, ...',
  event_id: "The operator's id of the event",
  amount: 'The amount in major units (10.50), empty when the event has none',
  amount_minor: 'The amount in minor units (1050)',
  currency: 'The currency code (EUR)',
  commission: 'The commission in major units (commission triggers only)',
  deal_id: 'The commission plan (deal) id',
  sub1: 'sub1 of the click',
  sub2: 'sub2 of the click',
  sub3: 'sub3 of the click',
  sub4: 'sub4 of the click',
  sub5: 'sub5 of the click',
  customer_id: "The customer's id, masked unless the brand shows it",
  country: "The customer's country code",
  occurred_at: 'When the event happened (ISO 8601)',
  timestamp: 'When the event happened (Unix seconds)',
} as const;

export type StandardVariable = keyof typeof STANDARD_VARIABLES;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const VARIABLE = /\$\{([^{}]*)\}|\{\{([^{}]*)\}\}/g;

/** The variable names a template uses, in order, each once. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(VARIABLE)) names.add((match[1] ?? match[2] ?? '').trim());
  return [...names];
}

/**
 * Every mistake of a template, each naming what is wrong and how to write it (the wrong-syntax
 * table of Affilka's guide): `{track_id}` → `${track_id}`, `$[visit_id]` → `${visit_id}`, a
 * query after `/` instead of `?`, an unclosed or empty variable, a variable in the host.
 */
export function templateProblems(template: string, path = 'url'): FieldError[] {
  const problems: FieldError[] = [];
  const add = (message: string) => problems.push({ path, message });
  const url = template.trim();
  if (url === '') return [{ path, message: 'is required' }];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  if (/[\s\u0000-\u001f\u007f]/.test(url))
    add('must not contain spaces or control characters: percent-encode them (%20)');
  const scheme = /^(https?):\/\/([^/?#]*)/i.exec(url);
  if (!scheme) {
    add('must start with http:// or https://, like https://tracker.example.com/postback?click=${click_id}');
    return problems;
  }
  const host = scheme[2] ?? '';
  if (host === '') add('must name a host after the scheme, like https://tracker.example.com/...');
  if (/[$}{]/.test(host))
    add(
      'variables go after the host: the host must be written out, like https://tracker.example.com/?id=${click_id}',
    );

  for (const match of url.matchAll(VARIABLE)) {
    const name = (match[1] ?? match[2] ?? '').trim();
    if (!NAME.test(name))
      add(
        name === ''
          ? `${match[0]} names no variable: write a name inside, like \${click_id}`
          : `${match[0]} is not a variable name: use letters, digits and underscores, like \${click_id}`,
      );
  }
  // What is left once the well-formed variables are taken out must hold no variable-like text.
  const rest = url.replace(VARIABLE, '');
  for (const m of rest.matchAll(/\$[[(]([A-Za-z0-9_.-]*)[\])]/g))
    add(`${m[0]} is not a variable: write \${${m[1]}}`);
  for (const m of rest.matchAll(/(?<![$])\{([A-Za-z0-9_.-]+)\}/g))
    add(`{${m[1]}} is not a variable: write \${${m[1]}}`);
  // A closed one was taken out above, so every opening found here is unclosed.
  for (const m of rest.matchAll(/\$\{([A-Za-z0-9_.-]*)(?!\})/g))
    add(`\${${m[1]} is not closed: write \${${m[1]}}`);
  for (const m of rest.matchAll(/\{\{([A-Za-z0-9_.-]*)(?!\}\})/g))
    add(`{{${m[1]} is not closed: write {{${m[1]}}}`);

  // http://track.me/affiliate/c=${clickID}: the query begins after a slash instead of "?".
  if (!url.includes('?')) {
    const afterHost = url.slice(scheme[0].length);
    // The last path segment, if it holds "=" (an empty name before it included).
    const segment = /\/([^/=#]*=[^/]*)$/.exec(afterHost);
    if (segment) {
      const fixed = `${scheme[0]}${afterHost.slice(0, segment.index)}?${segment[1]}`;
      add(`the query must begin with "?": write ${fixed}`);
    }
  }
  return problems;
}

export type Variables = Partial<Record<StandardVariable, string | null>> & {
  /** The click's custom parameters (and anything else by name). */
  params?: Record<string, unknown>;
};

function valueFor(vars: Variables, name: string): string {
  const standard = (vars as Record<string, unknown>)[name];
  if (name in STANDARD_VARIABLES) return standard == null ? '' : String(standard);
  const custom = vars.params?.[name];
  return custom == null ? '' : String(custom);
}

/** The template with every variable filled (percent-encoded); one without a value is empty. */
export function renderTemplate(template: string, vars: Variables): string {
  return template
    .trim()
    .replace(VARIABLE, (_all, a: string | undefined, b: string | undefined) =>
      encodeURIComponent(valueFor(vars, (a ?? b ?? '').trim())),
    );
}

/** The POST body of a server-to-server POST: the template's variables and their values, as JSON. */
export function renderBody(template: string, vars: Variables): string {
  const body: Record<string, string> = {};
  for (const name of templateVariables(template)) body[name] = valueFor(vars, name);
  return JSON.stringify(body);
}

// One formatter of major units for postbacks, cash-outs and messages alike.
export { majorUnits } from '../reference/money-format.ts';
