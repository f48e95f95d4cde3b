import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  approvedAffiliate,
  mailTo,
  newPage,
  type Person,
  setUpAdmin,
  signInToBackOffice,
  startE2E,
  stopE2E,
  submitPortalSignIn,
} from './support/app.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'owner@partner.example', password: 'Partner#pass1' };
const MEMBER = { email: 'member@partner.example', password: 'Member#pass1' };

/**
 * The authenticator code `steps` time steps from now. No waiting for a step's edge: the server
 * accepts a code one step either side of its own, and each code here is sent within seconds.
 */
async function codeFor(secret: string, steps: number): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

// An affiliate's owner: 2FA on, a team member invited through the development outbox, a session ended.
describe('affiliate portal', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let memberContext: BrowserContext;
  let member: Page;
  let operator: ApiCall;
  let secret = '';

  beforeAll(async () => {
    ({ server, browser, page: owner } = await startE2E());
    memberContext = await browser.newContext();
    member = await newPage(memberContext);
    // The operator side through its API: administrator, then an approved affiliate.
    operator = await setUpAdmin(server);
    const details = { first_name: 'Olga', last_name: 'Owner', company_name: 'Olga Media' };
    await approvedAffiliate(server, operator, OWNER, details);
  });

  afterAll(() => stopE2E(browser, server));

  const signIn = (page: Page, who: Person) => submitPortalSignIn(page, server, who);

  it('signs the owner in and turns on two-factor authentication with the QR code', async () => {
    await signIn(owner, OWNER);
    await owner.waitForURL(`${server.baseUrl}/portal`);
    await owner.getByRole('heading', { name: 'Welcome, Olga' }).waitFor();
    await owner.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Security' }).click();
    await owner.getByRole('button', { name: 'Enable 2FA' }).click();
    await owner.getByAltText('QR code for your authenticator app').waitFor();
    secret = (await owner.getByTestId('totp-secret').textContent())!;

    await owner.getByLabel('Code').fill('123456');
    await owner.getByRole('button', { name: 'Confirm' }).click();
    await owner.locator('.field-error').waitFor();

    const code = await codeFor(secret, 0);
    await owner.getByLabel('Code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await owner.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(async () => await owner.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await expect.poll(() => owner.getByTestId('two-factor-state').textContent()).toBe('on');
    await owner.getByRole('button', { name: 'I saved them' }).click();
  });

  it('asks for the code at the next sign-in', async () => {
    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.waitForURL(/\/portal\/sign-in/);
    await signIn(owner, OWNER);
    await owner.getByLabel('Two-factor code').fill(await codeFor(secret, 1));
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.waitForURL(`${server.baseUrl}/portal`);
  });

  it('adds a team member, who sets a password from the development outbox and signs in', async () => {
    await owner
      .getByRole('navigation', { name: 'Portal' })
      .getByRole('link', { name: 'Team members' })
      .click();
    await owner.getByLabel('Email').fill(MEMBER.email);
    await owner.getByLabel('First name').fill('Max');
    await owner.getByRole('button', { name: 'Add user' }).click();
    await owner.getByRole('button', { name: MEMBER.email }).waitFor();

    const mail = await mailTo(operator, MEMBER.email, 'set_password');
    const link = /https?:\/\/\S+\/portal\/set-password\?token=\S+/.exec(mail.text)![0];

    await member.goto(link);
    await member.getByRole('heading', { name: 'Set your password' }).waitFor();
    await member.getByLabel('Password', { exact: true }).fill(MEMBER.password);
    await member.getByLabel('Confirm password').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Save password' }).click();
    await member.getByRole('heading', { name: 'Your password is set' }).waitFor();

    await signIn(member, MEMBER);
    await member.waitForURL(`${server.baseUrl}/portal`);
    await member.getByRole('heading', { name: 'Welcome, Max' }).waitFor();
    // Team management is the owner's.
    expect(await member.getByRole('link', { name: 'Team members' }).count()).toBe(0);
  });

  it("terminates the team member's session, which signs them out", async () => {
    await owner.reload();
    await owner.getByRole('button', { name: MEMBER.email }).click();
    const details = owner.getByRole('region', { name: `Team member ${MEMBER.email}` });
    await details.getByRole('button', { name: /^Terminate the session/ }).click();
    await details.getByText('No active sessions.').waitFor();

    await member.reload();
    await member.waitForURL(/\/portal\/sign-in/);
  });

  it('lets the administrator add staff with a role on the staff screen', async () => {
    const admin = await newPage(browser);
    await signInToBackOffice(admin, server);
    await admin.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Staff' }).click();
    await admin.getByLabel('Email').fill('helper@example.com');
    await admin.getByLabel('Role', { exact: true }).selectOption('support');
    await admin.getByRole('button', { name: 'Add staff user' }).click();
    const role = admin.getByLabel('Role of helper@example.com');
    await expect.poll(() => role.inputValue()).toBe('support');
    await role.selectOption('read_only');
    await admin
      .getByRole('dialog', { name: /Make helper@example\.com read only\?/ })
      .getByRole('button', { name: 'Change role' })
      .click();
    await expect
      .poll(async () => (await operator('GET', '/api/v1/staff')).json.data[1].role)
      .toBe('read_only');

    // Without SMTP the invitation waits in the outbox, readable in the back office (once its
    // email job has run, a moment after the change).
    await mailTo(operator, 'helper@example.com', 'set_password');
    await admin
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Email outbox' })
      .click();
    await admin
      .getByRole('row', { name: /helper@example\.com/ })
      .getByRole('button', { name: 'Set your password' })
      .click();
    await admin.getByText('/admin/set-password?token=').waitFor();
    await admin.close();
  });
});
