// The e2e suites' one fixture: a fresh Home Assistant of the lane, states, a dashboard, browser
// contexts logged in as admin or as a non-admin user, a websocket recording call_service, and the
// tear-down, registered as node:test before/after hooks. See e2e/README.md ("Writing a suite").
//
//   const ha = useDashboard({ states: { 'sensor.x': [42, { unit_of_measurement: 'ms' }] },
//                             cards: [{ type: 'custom:vitals-metric-card', entity: 'sensor.x' }] });
//   test(`[${ha.laneName}] shows 42`, async () => { await ha.page.locator('vitals-metric-card .value').waitFor(); });
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { DEFAULT_DASHBOARD, Lane } from '../../scripts/ha/lane.mjs';
import { waitFor } from '../../scripts/ha/proc.mjs';
import { launchBrowser, newPage as newBrowserPage } from './browser.mjs';
import { ARTIFACTS } from './artifacts.mjs';
import { LANE, SUITE, measure as measureFigure, resetMeasurements } from './measure.mjs';
import { dashboard } from './store-helpers.mjs';

/** The non-admin account browsers open the dashboard with for users: 'non-admin' ("the usual wall tablet"). */
export const NON_ADMIN = { name: 'Wall tablet', username: 'wall-tablet', password: 'vitals-e2e-tablet' };

const toDashboard = (opts) => {
  if (opts.cards) return dashboard(opts.cards, opts.view ?? 'main');
  return opts.dashboard ?? null;
};

/**
 * useDashboard(options) -> handle; call at the top level of a test file. Registers before() (set
 * up) and after() (tear down, always) hooks; the handle's members are usable from the tests and
 * from before() hooks registered after this call (they run after the fixture's).
 *
 * options
 *   lane         'oldest' | 'newest' (default $HA_VITALS_LANE, set by e2e/run.mjs, else 'newest')
 *   mqtt         start mosquitto + the MQTT entry (default true)
 *   laneOptions  more `new Lane()` options (config, dashboards, testEntities, logLevel, ...)
 *   states       { entity_id: state | [state, attributes] | {state, attributes} } set in order
 *                before the browsers open
 *   setup        async (ha) => {} after the lane started and the states are set, before the
 *                dashboard is written and the browsers open (feeders, storage dashboards, history)
 *   cards        cards of the one view `view` (default 'main') of the dashboard; or
 *   dashboard    the whole dashboard config ({views: [...]}, or a YAML string); neither: not written
 *   urlPath      YAML dashboard to write (default 'vitals-e2e', declared by the Lane)
 *   open         what each page opens: 'vitals-e2e/main' (default `<urlPath>/<first view path>`),
 *                false = open nothing (the suite navigates itself)
 *   browsers     number of browser contexts = pages opened in before() (default 1; 0 = none, the
 *                browser is still launched for ha.newPage())
 *   users        'admin' (default) | 'non-admin' | an array with one of them per context. A
 *                non-admin context logs in as NON_ADMIN, created in before(); once that user exists
 *                every context logs in with its own tokens (trusted_networks would ask which user)
 *   viewport     {width, height} of every context (default 1280 x 900)
 *   media        page.emulateMedia() options applied before opening ({colorScheme, reducedMotion})
 *   contextOptions  more browser.newContext() options of every context ({timezoneId, locale, ...})
 *   initScript   page.addInitScript() argument (function or {content}) of every page, before it loads
 *   ready        async (ha) => {} at the end of before(), after the pages opened (wait for a card,
 *                route a page's websocket and open it when open: false, ...)
 *   saveLog      copy home-assistant.log to e2e/artifacts/<lane>-<suite>-home-assistant.log (default true)
 *
 * handle
 *   laneName     lane name, known at once (for test titles)
 *   lane         the started Lane (scripts/ha/lane.mjs): setState, rest, ws(), history, restart, ...
 *   ws           the fixture's websocket (subscribed to call_service; reopened after a restart)
 *   browser      the Playwright browser
 *   pages        one tab per context: {page, context, user, consoleLog, consoleErrors, errors(re),
 *                errorsMatching(re)}; `tab` = pages[0], `page` = pages[0].page
 *   users        {admin: owner credentials, 'non-admin': NON_ADMIN user with its id} (created ones)
 *   calls(domain?, service?)   call_service events' data {domain, service, service_data, time_fired}
 *                recorded since before(), optionally of one domain / service
 *   waitCalls(domain, service, {count = 1, timeoutMs = 20000}) -> those calls, once >= count
 *   clearCalls()
 *   newPage({user, viewport, media, open}) -> tab: one more context (closed at tear-down;
 *                `await tab.context.close()` earlier if wanted); open = false: not navigated
 *   openDashboard(tabOrPage, urlPath = open)   navigate + wait for the rendered view
 *   writeDashboard(configOrCards, urlPath)     an array is taken as the cards of view 'main'
 *   setStates(states)                          as the `states` option
 *   consoleErrors(re?)           console errors + page errors of every page, each with `page` index
 *   restart()                    lane.restart() and reopen ws
 *   measure(key, value)          -> report.json measurements.<lane>.<key> (see measure.mjs)
 *   artifact(name)               path e2e/artifacts/<lane>-<name>
 *   defer(fn)                    run fn at tear-down, before the browser and HA stop (LIFO)
 */
export function useDashboard(opts = {}) {
  const laneName = opts.lane ?? LANE;
  const urlPath = opts.urlPath ?? DEFAULT_DASHBOARD;
  const initial = toDashboard(opts);
  const firstView = typeof initial === 'object' && initial?.views?.[0] ? (initial.views[0].path ?? '0') : null;
  const openPath = opts.open === undefined ? (firstView ? `${urlPath}/${firstView}` : urlPath) : opts.open;
  const browsers = opts.browsers ?? 1;
  const userOf = (k) => (Array.isArray(opts.users) ? opts.users[k] : opts.users) ?? 'admin';
  for (let k = 0; k < browsers; k++) {
    if (!['admin', 'non-admin'].includes(userOf(k))) throw new Error(`useDashboard: users must be 'admin' or 'non-admin', got ${JSON.stringify(userOf(k))}`);
  }
  const viewport = opts.viewport ?? { width: 1280, height: 900 };

  const recordedCalls = [];
  const deferred = [];
  const allTabs = [];
  let stopping = false;
  let wsClient = null;
  let wsOpen = false;
  let reconnecting = null;

  const ha = {
    laneName,
    suite: SUITE,
    lane: null,
    browser: null,
    pages: [],
    users: {},
    get ws() {
      return wsClient;
    },
    get tab() {
      return ha.pages[0];
    },
    get page() {
      return ha.pages[0]?.page;
    },

    calls(domain, service) {
      return recordedCalls.filter((c) => (!domain || c.domain === domain) && (!service || c.service === service));
    },
    clearCalls() {
      recordedCalls.length = 0;
    },
    async waitCalls(domain, service, { count = 1, timeoutMs = 20000 } = {}) {
      await waitFor(() => ha.calls(domain, service).length >= count, { timeoutMs, intervalMs: 100, what: `${count} call(s) of ${domain ?? '*'}.${service ?? '*'}` });
      return ha.calls(domain, service);
    },

    async setStates(states = {}) {
      for (const [id, v] of Object.entries(states)) {
        if (Array.isArray(v)) await ha.lane.setState(id, v[0], v[1] ?? {});
        else if (v !== null && typeof v === 'object') await ha.lane.setState(id, v.state, v.attributes ?? {});
        else await ha.lane.setState(id, v);
      }
    },

    writeDashboard(config, path = urlPath) {
      ha.lane.writeDashboard(Array.isArray(config) ? dashboard(config) : config, path);
    },

    async openDashboard(tabOrPage, p = openPath || urlPath) {
      const page = tabOrPage?.page ?? tabOrPage;
      return ha.lane.openDashboard(page, p);
    },

    /** One more browser context (a device) logged in as `user`; opened on `open` unless false. */
    async newPage({ user = 'admin', viewport: vp = viewport, media = opts.media, open = openPath, contextOptions = opts.contextOptions, initScript = opts.initScript } = {}) {
      const account = await ensureUser(user);
      // the owner alone: trusted_networks logs in without a form (as the suites always did);
      // with more users every context brings its own tokens
      const storageState = user === 'admin' && ha.lane.bypassLogin ? undefined : await ha.lane.storageState(account);
      const tab = await newBrowserPage(ha.browser, { viewport: vp, storageState, contextOptions: contextOptions ?? {} });
      if (initScript) await tab.page.addInitScript(initScript);
      tab.user = user;
      tab.index = allTabs.length;
      allTabs.push(tab);
      if (media) await tab.page.emulateMedia(media);
      if (open) await ha.lane.openDashboard(tab.page, open);
      return tab;
    },

    consoleErrors(re) {
      return allTabs.flatMap((tab) => tab.errors(re).map((e) => ({ ...e, page: tab.index, user: tab.user })));
    },

    async restart() {
      await ha.lane.restart();
      await reconnect();
      return ha.lane;
    },

    measure(key, value) {
      return measureFigure(key, value, { lane: laneName });
    },

    artifact(name) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      return path.join(ARTIFACTS, `${laneName}-${name}`);
    },

    defer(fn) {
      deferred.push(fn);
    },
  };

  async function ensureUser(kind) {
    if (kind === 'admin') return (ha.users.admin ??= ha.lane.owner);
    if (kind !== 'non-admin') throw new Error(`unknown user ${kind} (admin | non-admin)`);
    if (!ha.users['non-admin']) ha.users['non-admin'] = await ha.lane.createUser({ ...NON_ADMIN, admin: false });
    return ha.users['non-admin'];
  }

  async function connect() {
    const ws = await ha.lane.ws();
    await ws.subscribeEvents('call_service', (event) => recordedCalls.push({ ...(event.data ?? event), time_fired: event.time_fired }));
    wsClient = ws;
    wsOpen = true;
    // HA went away (restart, crash): reopen in the background; calls during the gap are not seen
    ws.closed.then(() => {
      if (wsClient !== ws) return;
      wsOpen = false;
      if (!stopping) reconnect().catch(() => {});
    });
    return ws;
  }

  function reconnect() {
    if (wsOpen) return Promise.resolve(wsClient); // the background reconnect was quicker
    reconnecting ??= waitFor(async () => stopping || (await connect()), { timeoutMs: 300000, intervalMs: 500, what: 'the fixture websocket after a restart' })
      .finally(() => {
        reconnecting = null;
      });
    return reconnecting;
  }

  before(async () => {
    resetMeasurements({ lane: laneName });
    // assigned before start(): a start that fails half-way (no bundle, mosquitto up) is still stopped in after()
    ha.lane = new Lane(laneName, { mqtt: opts.mqtt ?? true, ...(opts.laneOptions ?? {}) });
    await ha.lane.start();
    ha.users.admin = ha.lane.owner;
    await connect();
    await ha.setStates(opts.states);
    await opts.setup?.(ha);
    if (initial) ha.writeDashboard(initial);
    if (Array.from({ length: browsers }, (_, k) => userOf(k)).includes('non-admin')) await ensureUser('non-admin');
    ha.browser = await launchBrowser();
    for (let k = 0; k < browsers; k++) ha.pages.push(await ha.newPage({ user: userOf(k) }));
    await opts.ready?.(ha);
  });

  after(async () => {
    stopping = true;
    const errors = [];
    const step = async (fn) => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    while (deferred.length) await step(deferred.pop());
    await wsClient?.close().catch(() => {});
    await ha.browser?.close().catch(() => {});
    if (ha.lane) {
      if (opts.saveLog ?? true) {
        try {
          fs.copyFileSync(ha.lane.logFile, ha.artifact(`${SUITE}-home-assistant.log`));
        } catch {
          /* no log */
        }
      }
      await step(() => ha.lane.stop());
    }
    if (errors.length) throw errors[0];
  });

  return ha;
}
