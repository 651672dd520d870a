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
 * New browser context + page that records console messages and page errors:
 *   const { page, context, consoleLog, consoleErrors, errors, errorsMatching } = await newPage(browser)
 *   consoleErrors             live array: console.error messages + uncaught exceptions (pageerror)
 *   errors(re?)               consoleErrors, optionally only those whose text or source url matches re
 *   errorsMatching(re)        errors(re) with re defaulting to /ha-vitals|vitals-/ (ours)
 * Options: viewport, storageState (e.g. lane.storageState(user): logged in as that user),
 * contextOptions (more browser.newContext options).
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, storageState, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport, ...(storageState ? { storageState } : {}), ...contextOptions });
  const page = await context.newPage();
  const consoleLog = [];
  const consoleErrors = [];
  page.on('console', (m) => {
    const loc = m.location();
    const entry = { type: m.type(), text: m.text(), url: loc?.url ?? '' };
    consoleLog.push(entry);
    if (entry.type === 'error') consoleErrors.push(entry);
  });
  page.on('pageerror', (e) => {
    const entry = { type: 'pageerror', text: `${e.name}: ${e.message}\n${e.stack ?? ''}`, url: '' };
    consoleLog.push(entry);
    consoleErrors.push(entry);
  });
  const errors = (re) => consoleErrors.filter((m) => !re || re.test(m.text) || re.test(m.url));
  const errorsMatching = (re = /ha-vitals|vitals-/i) => errors(re);
  return { context, page, consoleLog, consoleErrors, errors, errorsMatching };
}
