import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, setUpAdmin, signInToBackOffice, startE2E, stopE2E } from './support/app.ts';
import type { TestServer } from './support/server.ts';

/** A real, viewable PNG of one colour: signature, IHDR, one IDAT of unfiltered rows, IEND. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x36)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// An operator sets up tracking in the back office: a brand, a landing, and banners.
describe('back office tracking screens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let operator: ApiCall;
  let affiliateId = 0;

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name, exact: true });
  const cards = () => page.getByTestId('media-card');

  beforeAll(async () => {
    ({ server, browser, page } = await startE2E());
    operator = await setUpAdmin(server);
    const affiliate = await operator('POST', '/api/v1/affiliates', { name: 'Pia Partner', status: 'active' });
    expect(affiliate.status).toBe(201);
    affiliateId = affiliate.json.id;

    await signInToBackOffice(page, server);
  });

  afterAll(() => stopE2E(browser, server));

  it('creates a brand, showing the server’s field error first', async () => {
    await nav('Brands').click();
    await page.getByText('No brands yet.').waitFor();
    await page.getByRole('link', { name: 'New brand' }).click();
    await page.getByLabel('Name').fill('Lucky');
    await page.getByLabel('Base currency').fill('EUR');
    await page.getByLabel('Tracking domain').fill('https://go.lucky.example/some/path');
    await page.getByRole('button', { name: 'Create brand' }).click();
    await page.getByText(/without a path/).waitFor();
    expect(await page.getByLabel('Tracking domain').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Tracking domain').fill('go.lucky.example');
    await page.getByRole('button', { name: 'Create brand' }).click();
    await page.getByRole('link', { name: 'Lucky' }).waitFor();
    await page.getByRole('cell', { name: 'https://go.lucky.example' }).waitFor();

    // Edit: the change shows in the list; the attribution settings are saved with it, and a window
    // that is not a number is refused under its field.
    await page.getByRole('link', { name: 'Lucky' }).click();
    await page.getByLabel('Name').fill('Lucky Casino');
    await page.getByLabel('A customer belongs').selectOption('last_click');
    await page.getByLabel('Click window (days)').fill('a week');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByLabel('Click window (days)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Click window (days)').fill('7');
    await page.getByLabel('Show affiliates your customer ids in full').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('link', { name: 'Lucky Casino' }).waitFor();
    const brands = (await operator('GET', '/api/v1/brands')).json.data;
    expect(brands[0]).toMatchObject({
      name: 'Lucky Casino',
      attribution_binding: 'last_click',
      click_lookback_days: 7,
      show_customer_ids: true,
    });
  });

  it('creates a private A/B destination link with placeholders, filters and disables it', async () => {
    await nav('Destination links').click();
    await page.getByText('No destination links yet.').waitFor();
    await page.getByRole('link', { name: 'New destination link' }).click();
    await page.getByLabel('Brand').selectOption({ label: 'Lucky Casino' });
    await page.getByLabel('Name').fill('Welcome page');
    await page.getByLabel('URL', { exact: true }).fill('https://lucky.example/welcome?btag=');
    await page.getByRole('button', { name: '{{click_id}}' }).click();
    await page.getByLabel('URL', { exact: true }).press('End');
    await page.getByLabel('URL', { exact: true }).pressSequentially('&lang={{lang}}');
    await expect
      .poll(() => page.getByTestId('url-preview').textContent())
      .toBe('https://lucky.example/welcome?btag=01JABCDEFGHJKMNPQRSTVWXYZ0&lang=<lang>');
    await expect.poll(() => page.getByTestId('custom-placeholders').textContent()).toBe('lang');

    await page.getByLabel('B URL').fill('https://lucky.example/welcome-b?btag={{click_id}}');
    await page.getByLabel('Share of clicks sent to B (%)').fill('30');
    await page.getByLabel('Private').check();
    await page.getByLabel('Find affiliate').fill('Pia');
    await page.getByRole('button', { name: `Add Pia Partner #${affiliateId}` }).click();
    await page.getByText(`Pia Partner #${affiliateId}`, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create link' }).click();

    const row = page.getByRole('row', { name: /Welcome page/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('private (1 affiliates)');
    expect(await row.textContent()).toContain('30% to B');
    const stored = await operator('GET', '/api/v1/destination-links');
    expect(stored.json.data).toMatchObject([
      {
        name: 'Welcome page',
        url: 'https://lucky.example/welcome?btag={{click_id}}&lang={{lang}}',
        url_ab: 'https://lucky.example/welcome-b?btag={{click_id}}',
        ab_split: 30,
        audience: 'players',
        is_public: false,
        private_affiliate_ids: [affiliateId],
        enabled: true,
      },
    ]);

    await page.getByLabel('Audience').selectOption('sub_affiliates');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('No destination links match.').waitFor();
    await page.getByLabel('Audience').selectOption('players');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await row.waitFor();

    await page.getByRole('button', { name: 'Disable Welcome page' }).click();
    await page
      .getByRole('dialog', { name: 'Disable Welcome page?' })
      .getByRole('button', { name: 'Disable link' })
      .click();
    await page.getByRole('button', { name: 'Enable Welcome page' }).waitFor();
    await page.getByLabel('State').selectOption('yes');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('No destination links match.').waitFor();
    await page.getByLabel('State').selectOption('no');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await row.waitFor();
    expect(page.url()).toContain('enabled=no');
  });

  it('puts a clicked placeholder after the host, never into it', async () => {
    await page.goto(`${server.baseUrl}/admin/destination-links/new`);
    await page.getByLabel('Brand').selectOption({ label: 'Lucky Casino' });
    await page.getByLabel('Name').fill('Bare host');
    const url = page.getByLabel('URL', { exact: true });
    await url.fill('https://lucky.example');
    await page.getByRole('button', { name: '{{click_id}}' }).click();
    expect(await url.inputValue()).toBe('https://lucky.example?click_id={{click_id}}');
    await page.getByRole('button', { name: '{{affiliate_id}}' }).click();
    expect(await url.inputValue()).toBe(
      'https://lucky.example?click_id={{click_id}}&affiliate_id={{affiliate_id}}',
    );
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('link', { name: 'Bare host' }).waitFor();
    const stored = await operator('GET', '/api/v1/destination-links');
    const link = stored.json.data.find((l: { name: string }) => l.name === 'Bare host');
    expect(new URL(link.url.replace(/[{}]/g, '')).host).toBe('lucky.example');
    expect(link.url).toContain('click_id={{click_id}}&affiliate_id={{affiliate_id}}');
  });

  it('uploads banners with their details, filters the library and edits one', async () => {
    await nav('Media library').click();
    await page.getByText('No banners yet.').waitFor();

    const upload = async (title: string, name: string, bytes: Buffer, tags: string) => {
      await page.getByRole('button', { name: 'Upload banner' }).click();
      const form = page.getByRole('form', { name: 'Upload a banner' });
      await form.getByLabel('Image file').setInputFiles({ name, mimeType: 'image/png', buffer: bytes });
      await form.getByLabel('Title').fill(title);
      await form.getByLabel('Language').fill('en');
      await form
        .getByRole('listbox')
        .getByRole('option', { name: /^English/ })
        .first()
        .click();
      await form.getByLabel('Tags').fill(tags);
      await form.getByLabel('Brand').selectOption({ label: 'Lucky Casino' });
      await form.getByRole('button', { name: 'Upload banner' }).click();
      await page.getByRole('link', { name: title }).waitFor();
    };

    // The server's check of the bytes shows beside the file input.
    await page.getByRole('button', { name: 'Upload banner' }).click();
    const form = page.getByRole('form', { name: 'Upload a banner' });
    await form.getByLabel('Image file').setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image'),
    });
    await form.getByLabel('Title').fill('Broken');
    await form.getByRole('button', { name: 'Upload banner' }).click();
    await form.getByText(/must be a PNG, JPEG, GIF, WebP or SVG image/).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await upload('Spring leaderboard', 'spring.png', png(300, 250), 'Spring, sports');
    await upload('Skyscraper', 'sky.png', png(120, 600), 'casino');
    await expect.poll(() => cards().count()).toBe(2);
    // The image really is served back.
    const img = cards().filter({ hasText: 'Spring leaderboard' }).getByRole('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(300);

    const filters = page.getByRole('form', { name: 'Filter banners' });
    await filters.getByLabel('Size').fill('300x250');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => cards().count()).toBe(1);
    await cards().getByText('Spring leaderboard').waitFor();
    expect(page.url()).toContain('size=300x250');

    await filters.getByRole('button', { name: 'Clear' }).click();
    await filters.getByLabel('Orientation').selectOption('vertical');
    await filters.getByLabel('Tag').fill('casino');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => cards().count()).toBe(1);
    await cards().getByText('Skyscraper').waitFor();

    await filters.getByLabel('Orientation').selectOption('');
    await filters.getByLabel('Tag').fill('sports');
    await filters.getByLabel('Format').selectOption('png');
    // Picked with the mouse: Enter would take whichever option the resting pointer highlights.
    await filters.getByLabel('Language').fill('en');
    await filters
      .getByRole('listbox')
      .getByRole('option', { name: /^English/ })
      .first()
      .click();
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => cards().count()).toBe(1);
    await cards().getByText('Spring leaderboard').waitFor();

    // Make it private to the partner, then see the privacy filter follow.
    await page.getByRole('link', { name: 'Spring leaderboard' }).click();
    await page.getByText('300×250 px').waitFor();
    const details = page.getByRole('form', { name: 'Banner details' });
    await details.getByLabel('Title').fill('Spring 300x250');
    await details.getByLabel('Private').check();
    await details.getByLabel('Find affiliate').fill(String(affiliateId));
    await details.getByRole('button', { name: `Add Pia Partner #${affiliateId}` }).click();
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();

    await page.getByRole('link', { name: '← Media library' }).click();
    await filters.getByLabel('Privacy').selectOption('private');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => cards().count()).toBe(1);
    await cards().getByText('Spring 300x250').waitFor();
    const listed = await operator('GET', '/api/v1/media?privacy=private');
    expect(listed.json.data).toMatchObject([
      { title: 'Spring 300x250', tags: ['spring', 'sports'], affiliate_ids: [affiliateId], width: 300 },
    ]);

    // Delete the other one.
    await filters.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('link', { name: 'Skyscraper' }).click();
    await page.getByRole('button', { name: 'Delete banner' }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/media`);
    await expect.poll(() => cards().count()).toBe(1);
    expect((await operator('GET', '/api/v1/media')).json.data).toHaveLength(1);
  });
});
