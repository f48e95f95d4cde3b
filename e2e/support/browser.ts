import { type Browser, chromium } from 'playwright-core';
import { watchBrowser } from './page-errors.ts';

// Quiet, deterministic Chromium: no sandbox (containers lack the namespaces), no GPU, no background
// traffic to Google that could slow a run or fail it offline.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The system Chromium (CHROMIUM_PATH overrides); playwright-core downloads no browsers. Its
 * pages are watched for errors (page-errors.ts), which fail the test they happen in.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  return watchBrowser(browser);
}
