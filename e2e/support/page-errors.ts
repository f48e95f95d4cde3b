import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

// What the browser may say as an error without a test failing: Chromium logs every 4xx answer
// as "Failed to load resource", and answering a bad form with 422 (or /me with 401) is the point.
const EXPECTED = [/^Failed to load resource: the server responded with a status of 4\d\d\b/];

const problems: string[] = [];
const watched = new WeakSet<Page>();

/** Records the page's uncaught errors and unexpected console errors, for afterEach to report. */
export function watchPage(page: Page): Page {
  if (watched.has(page)) return page;
  watched.add(page);
  page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (EXPECTED.some((pattern) => pattern.test(text))) return;
    problems.push(`console error on ${page.url()}: ${text}`);
  });
  return page;
}

/** Every page a context opens is watched, including popups and pages of later contexts. */
export function watchContext(context: BrowserContext): BrowserContext {
  context.on('page', watchPage);
  for (const page of context.pages()) watchPage(page);
  return context;
}

/** Wraps the browser so every context and page it makes is watched. */
export function watchBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchContext(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => watchPage(await newPage(...args));
  return browser;
}

/** The problems recorded since the last call (e2e/support/setup.ts fails a test on any). */
export function takePageProblems(): string[] {
  return problems.splice(0);
}
