// Debian's Chromium driven through the DevTools protocol alone, without Playwright, for the one
// thing Playwright cannot show: a tab that is really hidden. Playwright launches Chromium with
// --disable-renderer-backgrounding / --disable-background-timer-throttling and emulates focus on
// every page it attaches to, so its pages stay `visible` whatever happens (checked: minimising the
// window or opening a tab in front changes nothing). Here a tab opened in front of another in the
// same window makes the first one `hidden`, with Chromium's real timer throttling.
//
//   const chromium = await launchPlainChromium();
//   const tab = await chromium.open(url);            // in front
//   await chromium.open('about:blank');              // in front of it: `tab` is now hidden
//   await tab.evaluate('document.visibilityState');  // 'hidden'
//   await chromium.close();
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './browser.mjs';
import { freePort, startProcess, waitFor } from '../../scripts/ha/proc.mjs';

const WebSocketImpl = async () => globalThis.WebSocket ?? (await import('ws')).default;

/** One tab's DevTools session: `evaluate(expression)` returns the value (awaiting promises). */
async function attach(target) {
  const WS = await WebSocketImpl();
  const ws = new WS(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`DevTools websocket of ${target.url} did not open`)), { once: true });
  });
  let next = 0;
  const pending = new Map();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(typeof event.data === 'string' ? event.data : event.data.toString());
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
    else waiter.resolve(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject, method });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    id: target.id,
    send,
    async evaluate(expression) {
      const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    },
    async navigate(url) {
      await send('Page.navigate', { url });
    },
    close: () => ws.close(),
  };
}

/** Chromium with its own profile and no Playwright flags; `open(url)` opens a tab in front. */
export async function launchPlainChromium({ width = 1280, height = 900 } = {}) {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ha-vitals-plain-chromium-'));
  const proc = startProcess('chromium (plain)', CHROMIUM, [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-sync',
    '--disable-component-update',
    `--window-size=${width},${height}`,
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/json/version`).catch(() => null))?.ok, { timeoutMs: 30000, what: 'Chromium DevTools endpoint' });
  const sessions = [];
  return {
    /** A new tab in front of the others (same window), attached. */
    async open(url) {
      const target = await (await fetch(`${base}/json/new?${encodeURI(url)}`, { method: 'PUT' })).json();
      const tab = await attach(target);
      sessions.push(tab);
      return tab;
    },
    async close() {
      for (const tab of sessions) tab.close();
      await proc.stop(10000);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page-side expression: the rendered text of the first `tag` element, its shadow tree included (null if none). */
export function shadowTextOf(tag) {
  return `(() => {
    const find = (root) => root.querySelector(${JSON.stringify(tag)}) ?? [...root.querySelectorAll('*')].map((el) => el.shadowRoot && find(el.shadowRoot)).find(Boolean) ?? null;
    const text = (node) => (node.shadowRoot ? text(node.shadowRoot) : '') + [...node.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : c.nodeType === 1 || c.nodeType === 11 ? text(c) : '')).join(' ');
    const el = find(document);
    return el ? text(el).replace(/\\s+/g, ' ').trim() : null;
  })()`;
}
