import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityApp, type IdentityTestApp, PASSWORD } from '../identity/helpers.ts';
import { snapshot } from './helpers.ts';

// The two forms a newcomer meets first must list every problem in the first answer: the schema
// checks types only, and core reports every field's rule together (CONTRIBUTING, "Forms").
let t: IdentityTestApp;

beforeAll(async () => {
  t = await createIdentityApp();
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): any }): Record<string, string> =>
  Object.fromEntries(
    (res.json().error.details.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]),
  );

/** What the operator's "New affiliate" form sends: every input, empty ones as null. */
function operatorForm(
  overrides: Record<string, unknown>,
  user?: { email: string; initial_password?: string },
) {
  return {
    name: '',
    status: 'pending',
    company_name: null,
    contact_name: null,
    email: null,
    phone: null,
    website_url: null,
    account_manager_id: null,
    account_executive_id: null,
    default_currency: null,
    language: null,
    labels: [],
    internal_notes: '',
    affiliate_notes: '',
    address: { line1: null, city: null, region_code: null, country_code: null, postal_code: null },
    vat_number: null,
    ...overrides,
    ...(user ? { users: [user] } : {}),
  };
}

/** What the portal's sign-up form sends. */
const signUpForm = (overrides: Record<string, unknown>) => ({
  first_name: '',
  last_name: '',
  email: '',
  password: '',
  terms_accepted: false,
  ...overrides,
});

describe('operator: new affiliate', () => {
  it('answers an empty form with its one required field, worded as a rule', async () => {
    const before = await snapshot(t.db);
    const res = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: operatorForm({}),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldsOf(res)).toEqual({ name: 'is required' });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('lists the contact email, website, currency, user email and password in one answer', async () => {
    const before = await snapshot(t.db);
    const res = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: operatorForm(
        { name: '', email: 'bob-at-example', website_url: 'example', default_currency: 'dollars' },
        { email: 'not an email', initial_password: 'short' },
      ),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldsOf(res)).toEqual({
      name: 'is required',
      email: 'enter an email like name@example.com',
      website_url: 'enter a web address like https://example.com',
      default_currency: 'unknown or disabled currency DOLLARS',
      'users[0].email': 'enter an email like name@example.com',
      'users[0].initial_password':
        'must contain at least 8 characters, an uppercase letter, a non-alphanumeric character',
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('creates the affiliate once every field is right', async () => {
    const res = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/affiliates',
      payload: operatorForm(
        { name: 'One Round Media', email: 'bob@one-round.test', website_url: 'https://one-round.test' },
        { email: 'owner@one-round.test', initial_password: PASSWORD },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'One Round Media', website_url: 'https://one-round.test' });
  });
});

describe('portal: sign-up', () => {
  const signUp = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/partner/v1/sign-up', payload });

  it('answers an empty form with every field at once', async () => {
    const before = await snapshot(t.db);
    const res = await signUp(signUpForm({}));
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldsOf(res)).toEqual({
      first_name: 'is required',
      last_name: 'is required',
      email: 'is required',
      password: 'is required',
      terms_accepted: 'must be accepted to apply',
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('lists the email, password, website and terms in one answer', async () => {
    const before = await snapshot(t.db);
    const res = await signUp(
      signUpForm({
        first_name: 'Ann',
        last_name: 'Lee',
        email: 'ann-at-example',
        password: 'short',
        website_url: 'my blog',
      }),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldsOf(res)).toEqual({
      email: 'enter an email like name@example.com',
      password: 'must contain at least 8 characters, an uppercase letter, a non-alphanumeric character',
      website_url: 'enter a web address like https://example.com',
      terms_accepted: 'must be accepted to apply',
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('answers a taken address with the same problems as a new one', async () => {
    const good = { first_name: 'Cy', last_name: 'Taken', password: PASSWORD, terms_accepted: true };
    const first = await signUp({ ...good, email: 'taken@one-round.test' });
    expect(first.statusCode, first.body).toBe(201);
    const bad = { ...good, password: 'short', website_url: 'nowhere' };
    const before = await snapshot(t.db);
    const taken = await signUp({ ...bad, email: 'taken@one-round.test' });
    const fresh = await signUp({ ...bad, email: 'fresh@one-round.test' });
    expect(taken.statusCode, taken.body).toBe(422);
    expect(fieldsOf(taken)).toEqual(fieldsOf(fresh));
    expect(Object.keys(fieldsOf(taken))).toEqual(['password', 'website_url']);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('takes the application once every field is right', async () => {
    const res = await signUp(
      signUpForm({
        first_name: 'Dee',
        last_name: 'Right',
        email: 'dee@one-round.test',
        password: PASSWORD,
        terms_accepted: true,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db
      .selectFrom('affiliate_users')
      .select('email')
      .where('email', '=', 'dee@one-round.test')
      .executeTakeFirst();
    expect(row?.email).toBe('dee@one-round.test');
  });
});
