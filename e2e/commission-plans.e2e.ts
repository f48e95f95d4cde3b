import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, setUpAdmin, signInToBackOffice, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

// An operator builds a hybrid CPA + RevShare plan in the editor, reads what it pays a sample
// customer, publishes a second version, assigns it to an affiliate and asks which plan applies.
describe('commission plan screens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let affiliateId = 0;
  let planUrl = '';

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name, exact: true });
  const label = (text: string) => page.getByLabel(text, { exact: true });
  /** The error shown under an input: the note its aria-describedby names. */
  async function errorOf(text: string): Promise<string | null> {
    const ids = (await label(text).getAttribute('aria-describedby'))?.split(' ') ?? [];
    const error = ids.find((id) => id.endsWith('-error'));
    return error ? page.locator(`[id="${error}"]`).textContent() : null;
  }
  const example = () => page.getByRole('complementary', { name: 'Worked example' });

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const brand = await operator('POST', '/api/v1/brands', { name: 'Lucky', base_currency: 'EUR' });
    expect(brand.status, JSON.stringify(brand.json)).toBe(201);
    const affiliate = await operator('POST', '/api/v1/affiliates', { name: 'Pia Partner', status: 'active' });
    expect(affiliate.status).toBe(201);
    affiliateId = affiliate.json.id;
    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('creates a hybrid plan: a bad tier is refused under its field, the worked example pays what the hand says', async () => {
    await nav('Commission plans').click();
    await page.getByText('No commission plans yet.').waitFor();
    await page.getByRole('link', { name: 'New commission plan' }).click();
    await label('Name').fill('Hybrid EUR');
    await label('Brand').selectOption({ label: 'Lucky' });
    await page.getByRole('combobox', { name: 'Currency', exact: true }).fill('EUR');
    await page.getByRole('listbox').getByRole('option', { name: /^EUR/ }).click();

    await page.getByLabel('CPA: an amount per qualified customer').check();
    await label('CPA amount (EUR)').fill('30');
    await label('Minimum first deposit (EUR)').fill('20');
    await label('Within days of registration').fill('7');
    await page.getByLabel('Tiers by the number of qualified customers in the period').check();
    await label('Tier 1 amount (EUR)').fill('30');
    await page.getByRole('button', { name: 'Add a tier' }).click();
    await label('Tier 2 from customer').fill('1'); // overlaps tier 1: the server says so
    await label('Tier 2 amount (EUR)').fill('35');

    await page.getByLabel("RevShare: a percentage of the customers' revenue").check();
    await label('RevShare rate (%)').fill('25');
    const addDeduction = label('Add a deduction');
    await addDeduction.selectOption('bonuses');
    await addDeduction.selectOption('admin_fee_percent');
    await label('Admin fee (% of GGR) %').fill('10');
    await addDeduction.selectOption('deposit_fee_percent');
    await label('Deposit fee (% of deposits) %').fill('2.5');
    await addDeduction.selectOption('withdrawal_fee_percent');
    await label('Withdrawal fee (% of withdrawals) %').fill('1');

    await page.getByRole('button', { name: 'Create plan' }).click();
    await expect.poll(() => label('Tier 2 from customer').getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf('Tier 2 from customer')).toBe(
      'must be above the tier before (1): tiers may not overlap',
    );
    // The summary names that one problem and links to its input.
    expect(await page.getByRole('alert').textContent()).toContain('Fix this to continue:');
    await page.getByRole('alert').getByRole('link', { name: 'CPA tier 2 from' }).click();
    await expect
      .poll(() => label('Tier 2 from customer').evaluate((el) => el === document.activeElement))
      .toBe(true);

    // The error clears when its field changes.
    await label('Tier 2 from customer').fill('11');
    expect(await label('Tier 2 from customer').getAttribute('aria-invalid')).toBeNull();
    // The sample customer starts as: first deposit 50, deposits 200, withdrawals 50, bets 1000,
    // wins 700, bonuses 40, 3 days since registration, the 1st qualified customer of the period.
    // CPA: first deposit 50.00 ≥ 20.00 and day 3 ≤ 7: qualifies at tier 1, 30.00.
    await expect
      .poll(() => example().getByTestId('example-cpa-result').textContent())
      .toContain('Qualifies: 30.00 EUR');
    // GGR = 1000 − 700 = 300.00; − bonuses 40.00 = 260.00; − admin fee 10% of 300.00 = 30.00 → 230.00;
    // − deposit fee 2.5% of 200.00 = 5.00 → 225.00; − withdrawal fee 1% of 50.00 = 0.50 → 224.50.
    expect(await example().getByTestId('example-basis').textContent()).toBe('224.50 EUR');
    // RevShare 25% × 224.50 = 56.125, rounded half to even: 56.12. Total 30.00 + 56.12 = 86.12.
    expect(await example().getByTestId('example-revshare-amount').textContent()).toBe('56.12 EUR');
    expect(await example().getByTestId('example-total').textContent()).toContain('86.12 EUR');
    // Day 8 is one day late: the rule that fails is named and the CPA pays nothing.
    await example().getByLabel('Days since registration', { exact: true }).fill('8');
    await expect
      .poll(() => example().getByTestId('example-cpa-result').textContent())
      .toBe('Does not qualify: 0');
    expect(await example().locator('[data-rule="days since registration"]').textContent()).toContain('8 > 7');
    await example().getByLabel('Days since registration', { exact: true }).fill('3');
    // The 11th qualified customer of the period reaches tier 2 (from 11): 35.00.
    await example().getByLabel('Qualified customers this period (with this one)', { exact: true }).fill('11');
    await expect
      .poll(() => example().getByTestId('example-cpa-result').textContent())
      .toContain('Qualifies: 35.00 EUR (tier 2');

    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Hybrid EUR' }).waitFor();
    await page.getByText('CPA + RevShare (Net P/L) · 6').waitFor();
    planUrl = page.url();
    const plans = await operator('GET', '/api/v1/commission-plans');
    expect(plans.json.data).toHaveLength(1);
    expect(plans.json.data[0].current_version.definition).toEqual({
      cpa: {
        amount: 3000,
        qualification: { min_first_deposit: 2000, within_days: 7 },
        tiers: {
          mode: 'whole_period',
          levels: [
            { from: 1, amount: 3000 },
            { from: 11, amount: 3500 },
          ],
        },
      },
      revshare: {
        basis: 'ngr',
        rate: '25',
        deductions: [
          'bonuses',
          { admin_fee_percent: '10' },
          { deposit_fee_percent: '2.5' },
          { withdrawal_fee_percent: '1' },
        ],
      },
    });
  });

  it('publishes version 2 and shows what changed in words', async () => {
    await page.goto(planUrl);
    // What describes the plan changes in place.
    const details = page.getByRole('form', { name: 'Plan details' });
    await details.getByLabel('Description', { exact: true }).fill('Our spring deal');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('Saved.').waitFor();
    expect((await operator('GET', '/api/v1/commission-plans')).json.data[0].description).toBe(
      'Our spring deal',
    );
    await page.getByRole('link', { name: 'Publish a new version' }).click();
    await expect.poll(() => label('CPA amount (EUR)').inputValue()).toBe('30');
    await label('CPA amount (EUR)').fill('35');
    await label('Note').fill('A better deal');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('heading', { name: 'Hybrid EUR' }).waitFor();
    const v2 = page.locator('[data-testid="plan-version"][data-version="2"]');
    await v2.getByText('CPA amount 30.00 → 35.00 EUR').waitFor();
    await v2.getByText('A better deal').waitFor();
  });

  it('assigns the plan to an affiliate, shows it in force and in the history, and resolves it', async () => {
    await page.goto(planUrl);
    await page.getByRole('link', { name: 'Assign', exact: true }).click();
    await page.getByRole('heading', { name: 'Plan assignments' }).waitFor();
    await page.getByLabel('Find affiliate').fill('Pia');
    await page.getByRole('button', { name: `Add Pia Partner #${affiliateId}` }).click();
    const form = page.getByRole('form', { name: "The affiliate's own plan on this brand" });
    await form.getByLabel('Plan', { exact: true }).selectOption({ label: 'Hybrid EUR (EUR)' });
    await form.getByLabel('Reason', { exact: true }).fill('Negotiated');
    await form.getByRole('button', { name: 'Assign to the affiliate' }).click();
    await form.getByText('Assigned.').waitFor();
    await expect.poll(() => page.getByTestId('affiliate-plan').textContent()).toContain('Hybrid EUR');
    await page
      .getByRole('region', { name: 'Assignment history' })
      .getByRole('cell', { name: 'Negotiated' })
      .waitFor();

    const resolve = page.getByRole('form', { name: 'Which plan applies' });
    await resolve.getByRole('button', { name: 'Find the plan' }).click();
    await expect.poll(() => page.getByTestId('resolution').textContent()).toContain('Hybrid EUR, version 2');
    expect(await page.getByTestId('resolution').textContent()).toContain("Affiliate's own plan");
    const assignments = await operator(
      'GET',
      `/api/v1/commission-plans/assignments?affiliate_id=${affiliateId}`,
    );
    expect(assignments.json.data).toHaveLength(1);
    expect(assignments.json.data[0]).toMatchObject({ target: 'affiliate', reason: 'Negotiated' });
  });
});
