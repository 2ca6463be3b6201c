/**
 * Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core: no browser
 * download. The flags keep Chromium from reaching for the network this machine does not have.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Chromium with one page as the dashboards' users see them (1440×900, Japanese), whose uncaught
 * errors go into `errors` so that each test can assert there were none.
 */
export async function openJapanesePage(errors: string[], options: BrowserContextOptions = {}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', ...options });
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page };
}

/**
 * Waits until the dashboard's streamed panels are all in: panels stream in behind the KPIs
 * (Suspense), and React may reveal them after the load event.
 */
export async function waitForPanels(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"]') && [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg')),
    undefined,
    { timeout },
  );
}
