import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  newPage,
  setUpAdmin,
  signInToBackOffice,
  signInToPortal,
  startE2E,
  stopE2E,
} from './support/app.ts';
import { earnTwoCpasLastMonth } from './support/earnings.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'wallet@partner.example', password: 'Partner#pass1' };
const codeFor = (secret: string, steps: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

// The money path: the operator approves the affiliate's bill in the back office (two CPAs of
// 30.00 = 60.00 EUR credited); the affiliate sees the balance, adds a payment method and withdraws
// with a fresh 2FA code in the portal's wallet; the operator accepts the cash-out in its queue.
describe('wallet', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  beforeAll(async () => {
    ({ server, browser, page: owner } = await startE2E());
    operator = await setUpAdmin(server);
    affiliateId = await approvedAffiliate(server, operator, OWNER, {
      first_name: 'Wanda',
      last_name: 'Wallet',
    });
    await earnTwoCpasLastMonth(server, operator, affiliateId, 'Wallet brand');
  });

  afterAll(() => stopE2E(browser, server));

  it('approves the bill, withdraws to a new payment method with a fresh two-factor code, and accepts it', async () => {
    const office = await newPage(await browser.newContext());
    await signInToBackOffice(office, server);
    await office.goto(`${server.baseUrl}/admin/bills`);
    await office.getByRole('button', { name: 'Run bills' }).click();
    await office.getByText('1 issued, 0 regenerated').waitFor();
    await office.getByRole('checkbox', { name: /Select bill/ }).check();
    await office.getByRole('button', { name: 'Approve 1 selected' }).click();
    await office.getByText('1 approved').waitFor();

    await signInToPortal(owner, server, OWNER);
    await owner.goto(`${server.baseUrl}/portal/security`);
    await owner.getByRole('button', { name: 'Enable 2FA' }).click();
    await owner.getByAltText('QR code for your authenticator app').waitFor();
    const secret = (await owner.getByTestId('totp-secret').textContent())!;
    await owner.getByLabel('Code').fill(codeFor(secret, 0));
    await owner.getByRole('button', { name: 'Confirm' }).click();
    await owner.getByRole('button', { name: 'I saved them' }).click();

    await owner.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Wallet' }).click();
    await expect.poll(() => owner.getByTestId('available-EUR').textContent()).toBe('60 EUR');
    // The bill's credit is a balance transaction of the wallet.
    await owner.getByRole('heading', { name: /Balance transactions/ }).waitFor();
    await owner.getByRole('cell', { name: 'Bill approved' }).first().waitFor();
    await owner.getByRole('heading', { name: /Closing balances/ }).waitFor();
    await owner.getByLabel('Two-factor code').fill(codeFor(secret, 1));
    await owner.getByRole('button', { name: 'Confirm' }).click();
    await owner.getByText('Confirmed: you can move money').waitFor();

    const add = owner.getByRole('form', { name: 'Add a payment method' });
    await add.getByLabel('Type').selectOption('skrill');
    await add.getByLabel('Skrill email').fill('not-an-email');
    await add.getByRole('button', { name: 'Add method' }).click();
    await add.locator('.field-error').waitFor();
    await add.getByLabel('Skrill email').fill('wanda@skrill.example');
    await add.getByRole('button', { name: 'Add method' }).click();
    await owner.getByRole('button', { name: 'Delete Skrill' }).waitFor();

    const withdraw = owner.getByRole('form', { name: 'Withdraw' });
    await withdraw.getByLabel('Pay to').selectOption({ label: 'Skrill' });
    await withdraw.getByLabel(/Amount/).fill('25.50');
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    const requested = await withdraw.getByRole('status').textContent();
    const id = /Cash-out (\d+) requested/.exec(requested ?? '')![1]!;
    // 60.00 - 25.50 = 34.50 available
    await expect.poll(() => owner.getByTestId('available-EUR').textContent()).toBe('34.50 EUR');

    await office.goto(`${server.baseUrl}/admin/cash-outs`);
    await office.getByLabel('Payment reference (to accept)').fill('SKRILL-TX-1');
    await office.getByRole('button', { name: `Accept ${id}` }).click();
    await office.getByText('No pending cash-out.').waitFor();

    // The back office shows the affiliate's balances, ledger and wallet on its page.
    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}?tab=money`);
    await office.getByRole('heading', { name: 'Balances', exact: true }).waitFor();
    await office.getByRole('heading', { name: /Closing balances/ }).waitFor();
    await office.getByRole('cell', { name: '34.50 EUR' }).first().waitFor();
    await office.getByRole('cell', { name: 'Skrill', exact: true }).waitFor();

    await owner.reload();
    await expect.poll(() => owner.getByTestId(`cash-out-${id}`).textContent()).toBe('success');
    await owner.getByText('SKRILL-TX-1').waitFor();
  });
});
