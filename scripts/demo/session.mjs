// Shared by scripts/demo/probe.mjs and scripts/demo/screenshot.mjs: start the demo as a new user
// would (`node scripts/demo.mjs` with a fresh config dir, so the first start imports the
// fortnight) or attach to a running one, open the dashboard in Debian's Chromium, and read what
// the cards show.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../ha/proc.mjs';
import { REPO_ROOT } from '../ha/lanes.mjs';
import { launchBrowser, newPage } from '../../e2e/lib/browser.mjs';

export const DAY = 86_400_000;

/**
 * Start `node scripts/demo.mjs` on a free port with `configDir` (default: a new temporary dir, as
 * on a first start). Resolves with {url, configDir, elapsedMs, stop()} when it prints its URL.
 * Its output is echoed with `prefix`.
 */
export async function startDemo({ configDir, port, prefix = '  | ', timeoutMs = 20 * 60_000, echo = (line) => console.log(prefix + line) } = {}) {
  const fresh = !configDir;
  configDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ha-vitals-demo-'));
  port ??= await freePort();
  const t0 = Date.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs')], {
    cwd: REPO_ROOT,
    detached: true, // own process group: stopped as one below
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HA_VITALS_DEMO_CONFIG: configDir, HA_VITALS_DEMO_PORT: String(port) },
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let url = null;
  const urlSeen = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no URL within ${timeoutMs / 1000} s`)), timeoutMs);
    const onLine = (line) => {
      echo(line);
      const m = /HA Vitals demo:\s+(http\S+)/.exec(line);
      if (m && !url) {
        url = m[1];
        clearTimeout(timer);
        resolve(url);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
    }
    exited.then((info) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited before printing its URL (${JSON.stringify(info)})`));
    });
  });

  let stopped = null;
  /** Ctrl-C as a user would (the demo stops HA, mosquitto, the chroot mounts); killed if it hangs. */
  const stop = () =>
    (stopped ??= (async () => {
      // The demo's own Node process and the HA / mosquitto process groups it started.
      let owner = null;
      try {
        owner = JSON.parse(fs.readFileSync(path.join(configDir, '.ha-vitals-owner.json'), 'utf8'));
      } catch {
        /* not started or already stopped */
      }
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 120_000))]);
      if (!done) {
        echo('the demo did not stop within 120 s: killing its processes');
        for (const pid of [child.pid, owner?.owner, owner?.hass, owner?.mosquitto]) {
          if (!pid) continue;
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              /* gone */
            }
          }
        }
        await exited;
      }
      if (fresh && process.env.HA_VITALS_KEEP_RUNS !== '1') fs.rmSync(configDir, { recursive: true, force: true });
      return done;
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => stop().then(() => process.exit(130)));
  try {
    await urlSeen;
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, configDir, port, elapsedMs: Date.now() - t0, stop, exited };
}

/** Chromium with the dashboard open (trusted_networks logs the owner in without a form). */
export async function openDashboard(url, { viewport = { width: 1600, height: 1000 } } = {}) {
  const browser = await launchBrowser();
  const { page, errorsMatching } = await newPage(browser, { viewport });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForURL((u) => !u.pathname.startsWith('/auth/'), { timeout: 120_000 });
  await page.locator('hui-root').first().waitFor({ state: 'attached', timeout: 120_000 });
  return { browser, page, errorsMatching };
}

/**
 * What the cards show now, read in the page (through their shadow roots and the shared store):
 *   overview  {insights: [sentence], domains: [{domain, level, reason}], text}
 *   history   [{title, hours, spanDays, anomalies, forecast, entities}]
 *   alerts    {rows: [{rule, entity, state, css}], transitions, summary}
 */
export function readCards(page) {
  return page.evaluate((DAY) => {
    const all = (tag) => {
      const out = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === tag) out.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return out;
    };
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const now = Date.now();
    const overviewEl = all('vitals-overview-card')[0];
    const root = overviewEl?.shadowRoot;
    const overview = root
      ? {
          insights: [...root.querySelectorAll('li.insight .sentence')].map(text),
          domains: [...root.querySelectorAll('li.domain')].map((li) => ({ domain: text(li.querySelector('.label')).split(':')[0], level: li.dataset.level, reason: text(li.querySelector('.reason')) })),
          text: text(root),
        }
      : null;
    // Each tag is a light wrapper whose `card` is the loaded card element (src/cards/lazy-card.ts).
    const card = (el) => el?.card ?? el;
    const history = all('vitals-history-card').map((wrapper) => {
      const el = card(wrapper);
      const config = el._config ?? {};
      const store = el.store;
      let earliest = Infinity;
      for (const e of config.entities ?? []) {
        const series = store?.series(e.entity);
        if (series?.length) earliest = Math.min(earliest, series.timeAt(0));
        store?.olderBuckets(e.entity)?.forEach(-Infinity, Infinity, (t) => {
          if (Number.isFinite(t)) earliest = Math.min(earliest, t);
        });
      }
      const info = el._info;
      return {
        title: config.title ?? '',
        hours: config.hours_to_show,
        compare: config.compare ? config.compare / DAY : 0,
        spanDays: Number.isFinite(earliest) ? (now - earliest) / DAY : 0,
        anomalies: (info?.rows ?? []).map((r) => `${r.name}: ${r.anomalies}`),
        forecast: info?.forecast?.text ?? '',
        entities: (config.entities ?? []).map((e) => e.entity),
      };
    });
    const alertsEl = card(all('vitals-alerts-card')[0]);
    const aroot = alertsEl?.shadowRoot;
    const alerts = aroot
      ? {
          rows: [...aroot.querySelectorAll('li.alert')].map((li) => ({ rule: text(li.querySelector('.rule')), entity: text(li.querySelector('.entity')), state: text(li.querySelector('.state')), css: li.className })),
          transitions: alertsEl.hub?.transitions?.length ?? 0,
          summary: text(aroot.querySelector('details.history summary')),
          text: text(aroot).slice(0, 400),
        }
      : null;
    return { overview, history, alerts };
  }, DAY);
}

/** The evidence, judged on what readCards() saw: [{name, ok, detail}]. */
export function judge(cards) {
  const o = cards.overview;
  const withNumbers = (o?.insights ?? []).filter((s) => /\d/.test(s));
  const waiting = /needs \d|Collecting a baseline|Not enough history/i.test(o?.text ?? '');
  const week = cards.history.filter((h) => h.spanDays >= 6.9);
  const past = (cards.alerts?.rows ?? []).filter((r) => /\bresolved\b/.test(r.css));
  return [
    { name: 'overview: at least 3 insights with numbers, no "needs 1 h"', ok: withNumbers.length >= 3 && !waiting, detail: `${withNumbers.length} insights with numbers${waiting ? '; still collecting a baseline' : ''}` },
    { name: 'history card spans 7 days', ok: week.length > 0, detail: cards.history.map((h) => `${h.title}: ${h.spanDays.toFixed(2)} d`).join('; ') },
    { name: 'alerts card lists past alerts', ok: past.length > 0, detail: `${past.length} resolved of ${cards.alerts?.rows.length ?? 0} listed; ${cards.alerts?.summary || 'no recent changes'}` },
  ];
}

/** Poll readCards() until judge() passes or `deadline` (ms since epoch); returns the last reading. */
export async function waitForEvidence(page, deadline, { everyMs = 2000 } = {}) {
  let cards = null;
  let verdict = [];
  for (;;) {
    try {
      cards = await readCards(page);
      verdict = judge(cards);
    } catch (e) {
      verdict = [{ name: 'read the cards', ok: false, detail: e.message }];
    }
    if (verdict.every((v) => v.ok) || Date.now() >= deadline) return { cards, verdict, at: Date.now() };
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
