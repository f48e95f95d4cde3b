import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, startWithAffiliate, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

const OWNER = { email: 'documents@partner.example', password: 'Partner#pass1' };
const PDF = Buffer.from('%PDF-1.4\n% a scan\n');

// Documents: the affiliate uploads a PDF in the portal at phone width, the operator decides on
// the affiliate's page (desktop), and the portal shows the decision, a decline with its comment.
describe('documents', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;
  let office: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  beforeAll(async () => {
    ({ server, browser, owner, office, operator, affiliateId } = await startWithAffiliate(OWNER, {
      first_name: 'Doc',
      last_name: 'Owner',
    }));
    await office.setViewportSize({ width: 1280, height: 900 });
    await owner.setViewportSize({ width: 390, height: 844 });
  });

  afterAll(() => stopE2E(browser, server));

  async function uploadInPortal(kind: string, fileName: string) {
    await owner.goto(`${server.baseUrl}/portal/documents`);
    await owner.getByLabel('Kind').selectOption({ label: kind });
    await owner
      .getByLabel('Files')
      .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
    await owner.getByRole('button', { name: 'Upload document' }).click();
    const row = owner
      .getByRole('table', { name: 'Documents' })
      .getByRole('row')
      .filter({ hasText: fileName });
    await row.getByText('Pending').waitFor();
    // Nothing of the page is wider than the phone.
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    return row;
  }

  it('uploads a PDF in the portal; the operator approves it and the portal shows it approved', async () => {
    const row = await uploadInPortal('Identity', 'passport.pdf');
    const passport = async () =>
      (await operator('GET', `/api/v1/affiliates/${affiliateId}/documents`)).json.data.filter(
        (d: { file_name: string }) => d.file_name === 'passport.pdf',
      );
    expect(await passport()).toMatchObject([
      { source: 'document', kind: 'identity', file_name: 'passport.pdf', status: 'pending' },
    ]);

    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}`);
    const panel = office.getByRole('region', { name: 'Documents' });
    await panel.getByRole('button', { name: 'Approve passport.pdf' }).click();
    await panel.getByText('Identity · Approved').waitFor();

    await owner.reload();
    await row.getByText('Approved').waitFor();
    expect((await passport()).map((d: { status: string }) => d.status)).toEqual(['approved']);
  });

  it('declines a document with a comment, which the portal shows', async () => {
    const row = await uploadInPortal('Proof of address', 'utility-bill.pdf');
    await office.goto(`${server.baseUrl}/admin/affiliates/${affiliateId}`);
    const panel = office.getByRole('region', { name: 'Documents' });
    await panel.getByLabel('Why utility-bill.pdf is declined').fill('The address is cut off');
    await panel.getByRole('button', { name: 'Decline utility-bill.pdf' }).click();
    await panel.getByText('Declined · The address is cut off').waitFor();

    await owner.reload();
    await row.getByText('Declined').waitFor();
    await row.getByText('The address is cut off').waitFor();
    const after = await operator('GET', `/api/v1/affiliates/${affiliateId}/documents?status=declined`);
    expect(after.json.data).toMatchObject([
      { file_name: 'utility-bill.pdf', status: 'declined', decision_comment: 'The address is cut off' },
    ]);
  });
});
