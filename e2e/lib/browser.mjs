// Debian's Chromium through playwright-core (no browser downloads here).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.HA_VITALS_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export function launchBrowser(opts = {}) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...opts });
}

/**
 * New page that records console messages and page errors:
 *   const { page, consoleLog, errorsMatching } = await newPage(browser)
 *   errorsMatching(/ha-vitals|vitals-/) -> console errors + uncaught exceptions mentioning us
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (m) => {
    const loc = m.location();
    consoleLog.push({ type: m.type(), text: m.text(), url: loc?.url ?? '' });
  });
  page.on('pageerror', (e) => consoleLog.push({ type: 'pageerror', text: `${e.name}: ${e.message}\n${e.stack ?? ''}`, url: '' }));
  const errorsMatching = (re = /ha-vitals|vitals-/i) =>
    consoleLog.filter((m) => (m.type === 'error' || m.type === 'pageerror') && (re.test(m.text) || re.test(m.url)));
  return { context, page, consoleLog, errorsMatching };
}
