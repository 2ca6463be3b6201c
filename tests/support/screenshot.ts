/**
 * `npx tsx tests/support/screenshot.ts URL OUT.png [WIDTHxHEIGHT] [--full] [--cookie=NAME=VALUE]`:
 * a PNG of a page in the same headless Chromium the end-to-end tests use, for looking at what
 * users see (`--cookie` e.g. a session cookie, to see a page as a logged-in user).
 */
import { launchBrowser } from './browser';

const [url, out, size = '1440x900', ...flags] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: tsx tests/support/screenshot.ts URL OUT.png [WxH] [--full] [--print]');
  process.exit(2);
}
const [width, height] = size.split('x').map(Number);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: width ?? 1440, height: height ?? 900 }, locale: 'ja-JP' });
  const cookie = flags.find((f) => f.startsWith('--cookie='))?.slice('--cookie='.length);
  if (cookie) {
    const eq = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url }]);
  }
  const page = await context.newPage();
  if (flags.includes('--print')) await page.emulateMedia({ media: 'print' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url, { waitUntil: 'networkidle' });
  // Charts draw after hydration and a resize observation; give them a moment.
  await page.waitForTimeout(400);
  for (const e of errors) console.error('page error:', e);
  await page.screenshot({ path: out, fullPage: flags.includes('--full') });
  console.log(out);
} finally {
  await browser.close();
}
