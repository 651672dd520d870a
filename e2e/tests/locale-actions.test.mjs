// A German profile on every card: the user's Home Assistant profile says German, comma decimal,
// 12-hour clock and "server" time zone; the server's zone (America/New_York) differs from the
// browser's (Asia/Tokyo). Every card renders in German ("12,5 %", "Arbeitsspeicher", German
// aria-labels), a clock time is 12 h and in the server's zone; a tap on a metric card, Enter on a
// system-card row, a tap on a history legend entry and on an AI metric open Home Assistant's own
// more-info dialog for that entity. Screenshots: <lane>-locale-dashboard.png, <lane>-locale-<card>.png.
//
// How the profile is stored: both lanes' frontends (20240307.0 and 20261028.x) keep it server-side,
// user data key `language` (websocket frontend/set_user_data; 2024.3 reads it once on connect with
// frontend/get_user_data, 2026.x subscribes to it), value {language, number_format, time_format,
// date_format, time_zone, first_weekday}. It is written before the browser opens; both frontends
// also keep the language in localStorage `selectedLanguage` (read before connecting), set by an
// init script so the first paint is German too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARD_TAGS, allCardsDashboard, cardConfigs, dashboardShot, runAssist, startFeeder, useDashboard, waitFor, waitText } from '../lib/index.mjs';

const SERVER_TZ = 'America/New_York';
const BROWSER_TZ = 'Asia/Tokyo';
const PROFILE = { language: 'de', number_format: 'decimal_comma', time_format: 'am_pm', date_format: 'language', time_zone: 'server', first_weekday: 'language' };
const LOCALE_SENSOR = 'sensor.locale_test';
// exact catalogue strings of src/ui/localize/languages/de.ts
const DE = {
  memory: 'Arbeitsspeicher',
  zoomIn: 'Vergrößern',
  resetZoom: 'Zoom zurücksetzen',
  alertsTitle: 'Alarme',
  overviewInsights: 'Erkenntnisse',
  aiMetrics: 'KI-Metriken',
  uxRtt: 'Websocket-Umlaufzeit',
};

let feeder;

const ha = useDashboard({
  laneOptions: { timeZone: SERVER_TZ },
  contextOptions: { timezoneId: BROWSER_TZ, locale: 'en-US' },
  // the frontend picks its first language from localStorage before the profile arrives
  initScript: () => {
    try {
      localStorage.setItem('selectedLanguage', JSON.stringify('de'));
    } catch {
      /* no storage */
    }
  },
  states: { [LOCALE_SENSOR]: ['12.5', { unit_of_measurement: '%', friendly_name: 'Locale test', state_class: 'measurement' }] },
  async setup(h) {
    await h.lane.ws().then(async (ws) => {
      try {
        await ws.send({ type: 'frontend/set_user_data', key: 'language', value: PROFILE });
      } finally {
        await ws.close();
      }
    });
    feeder = startFeeder(h.lane, { intervalMs: 3000 });
    h.defer(() => feeder.stop());
    await feeder.first();
    feeder.start();
  },
  dashboard: allCardsDashboard([{ type: 'custom:vitals-metric-card', entity: LOCALE_SENSOR, name: 'Locale' }, ...cardConfigs()]),
  media: { colorScheme: 'light', reducedMotion: 'reduce' },
  async ready(h) {
    for (const tag of CARD_TAGS) await h.page.locator(tag).first().locator('ha-card').first().waitFor({ state: 'visible', timeout: 30000 });
  },
});
const LANE = ha.laneName;

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The more-info dialog's entity (null when closed or not created yet), found through the shadow roots. */
const moreInfoEntity = (page) =>
  page.evaluate(() => {
    const find = (root) => {
      const hit = root.querySelector('ha-more-info-dialog');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const inner = find(el.shadowRoot);
          if (inner) return inner;
        }
      }
      return null;
    };
    const dialog = find(document);
    return dialog ? (dialog._entityId ?? null) : null;
  });

async function closeMoreInfo(page) {
  await page.evaluate(() => {
    const find = (root) => {
      const hit = root.querySelector('ha-more-info-dialog');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) {
        const inner = find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    find(document)?.closeDialog();
  });
  await waitFor(async () => !(await moreInfoEntity(page)), { timeoutMs: 10000, intervalMs: 100, what: 'more-info closed' });
  // HA's url-sync goes back in history after a dialog closes; a dialog opened before that popstate
  // arrives would be closed by it. Wait for the history entry to be gone.
  await waitFor(() => page.evaluate(() => !history.state?.open), { timeoutMs: 5000, intervalMs: 100, what: 'dialog history entry gone' });
  await page.waitForTimeout(300);
}

async function expectMoreInfo(page, entityId, what) {
  try {
    await waitFor(async () => (await moreInfoEntity(page)) === entityId, { timeoutMs: 10000, intervalMs: 100, what });
  } catch (e) {
    e.message += ` (more-info shows ${JSON.stringify(await moreInfoEntity(page))})`;
    throw e;
  }
  await closeMoreInfo(page);
  return true;
}

/** "h:mm:ss" in 24 h of `t` in `timeZone`. */
const clock24 = (t, timeZone) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(t);

test(`[${LANE}] the page's hass.locale is the German 12 h server-zone profile, the browser is in another zone`, async (t) => {
  t.diagnostic(`HA ${ha.lane.haVersion}, frontend ${ha.lane.frontendVersion}`);
  await waitFor(
    async () => (await ha.page.evaluate(() => document.querySelector('home-assistant')?.hass?.locale?.language)) === 'de',
    { timeoutMs: 20000, intervalMs: 200, what: 'hass.locale.language de' },
  );
  const got = await ha.page.evaluate(() => {
    const hass = document.querySelector('home-assistant').hass;
    return { locale: { ...hass.locale }, serverZone: hass.config.time_zone, browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone, language: hass.language };
  });
  t.diagnostic(JSON.stringify(got));
  assert.equal(got.locale.language, 'de');
  assert.equal(got.language, 'de');
  assert.equal(got.locale.number_format, 'decimal_comma');
  assert.equal(got.locale.time_format, 'am_pm');
  assert.equal(got.locale.time_zone, 'server');
  assert.equal(got.serverZone, SERVER_TZ);
  assert.equal(got.browserZone, BROWSER_TZ);
});

test(`[${LANE}] numbers: the metric card reads "12,5 %"`, async () => {
  const text = await waitText(ha.page, 'vitals-metric-card', '.reading', (s) => s === '12,5 %', { timeoutMs: 20000, what: 'metric reading 12,5 %' });
  assert.equal(text, '12,5 %');
  ha.measure('locale_de_number_text', text);
  // system card: German decimal comma and "%" with a space
  const memory = await waitText(ha.page, 'vitals-system-card', 'li.row.memory .value', (s) => /^\d+,\d %$/.test(s), { what: 'memory row "46,2 %"' });
  assert.match(memory, /^\d+,\d %$/);
});

test(`[${LANE}] German strings from the de catalogue on the cards`, async (t) => {
  const page = ha.page;
  const memoryName = norm(await page.locator('vitals-system-card li.row.memory .name').first().textContent());
  assert.equal(memoryName, DE.memory);
  assert.equal(await page.locator(`vitals-history-card .controls button[aria-label="${DE.zoomIn}"]`).count(), 1, 'zoom-in button labelled in German');
  assert.ok((await page.locator(`vitals-history-card button[aria-label="${DE.resetZoom}"]`).count()) === 1, 'reset zoom button labelled in German');
  assert.equal(await page.locator('vitals-ai-card .rows.metrics').first().getAttribute('aria-label'), DE.aiMetrics);
  await waitText(page, 'vitals-ux-card', '.row[data-key="rtt"]', (s) => s.includes(DE.uxRtt), { what: 'UX rtt row German' });
  const alerts = norm(await page.locator('vitals-alerts-card ha-card').first().textContent());
  t.diagnostic(`alerts card: ${alerts.slice(0, 200)}`);
  assert.match(alerts, /Alles in Ordnung|ausgelöst|ausstehend/, 'alerts card speaks German');
  const overview = norm(await page.locator('vitals-overview-card ha-card').first().textContent());
  t.diagnostic(`overview card: ${overview.slice(0, 200)}`);
  assert.ok(overview.includes('Zustand') || overview.includes(DE.overviewInsights), 'overview card speaks German');
  ha.measure('locale_de_strings', true);
});

test(`[${LANE}] a clock time (AI card run) is 12 h and in the server's zone, not the browser's`, async (t) => {
  const before = Date.now();
  const types = await runAssist(ha.lane, 'what time is it');
  const after = Date.now();
  assert.ok(types.includes('intent-end'), `intent stage ran: ${types.join(', ')}`);
  await ha.page.locator('vitals-ai-card li.run .when').first().waitFor({ state: 'visible', timeout: 20000 });
  const shown = norm(await ha.page.locator('vitals-ai-card li.run .when').first().textContent());
  t.diagnostic(`AI run time shown: ${JSON.stringify(shown)} (server ${clock24(before, SERVER_TZ)} ${SERVER_TZ}, browser ${clock24(before, BROWSER_TZ)} ${BROWSER_TZ})`);
  const m = shown.match(/^(\d{1,2}):(\d{2}):(\d{2})\s?(AM|PM)$/i);
  assert.ok(m, `12 h time with AM/PM, got ${JSON.stringify(shown)}`);
  const h12 = Number(m[1]);
  assert.ok(h12 >= 1 && h12 <= 12, `12 h hour ${h12}`);
  const h24 = (h12 % 12) + (m[4].toUpperCase() === 'PM' ? 12 : 0);
  const as24 = `${String(h24).padStart(2, '0')}:${m[2]}:${m[3]}`;
  const candidates = (zone) => {
    const out = new Set();
    for (let x = before - 3000; x <= after + 3000; x += 1000) out.add(clock24(x, zone));
    return out;
  };
  const inServer = candidates(SERVER_TZ).has(as24);
  const inBrowser = candidates(BROWSER_TZ).has(as24);
  assert.ok(inServer, `${as24} is the run's start in ${SERVER_TZ} (${[...candidates(SERVER_TZ)].join(', ')})`);
  assert.ok(!inBrowser, `${as24} is not the browser's ${BROWSER_TZ} time`);
  ha.measure('locale_time_text', shown);
  ha.measure('locale_time_zone_is_server', inServer && !inBrowser);
});

/** The history chart's axis ticks as chart.js labels them ({value, label} per tick of x, y, y1). */
const historyTicks = (page) =>
  page.locator('vitals-history-card vitals-time-chart').first().evaluate((el) => {
    const chart = el.chartInstance;
    const of = (id) => (chart?.scales?.[id]?.ticks ?? []).map((tk) => ({ value: tk.value, label: String(tk.label) }));
    return { x: of('x'), y: of('y'), y1: of('y1') };
  });

test(`[${LANE}] the history chart's time axis is 12 h in the server's zone`, async (t) => {
  let ticks;
  await waitFor(async () => (ticks = await historyTicks(ha.page)).x.length >= 1 /* a 7.5 min window on a narrow chart may have one tick */, { timeoutMs: 15000, intervalMs: 200, what: 'history x ticks' });
  t.diagnostic(`x ticks: ${ticks.x.map((tk) => tk.label).join(' | ')}`);
  for (const { value, label } of ticks.x) {
    assert.match(label, /^\d{1,2}:\d{2}\s?(AM|PM)$/i, `tick ${label} is 12 h`);
    const server = new Intl.DateTimeFormat('en-US', { timeZone: SERVER_TZ, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }).format(value);
    assert.equal(label.replace(/\s/g, ' '), server.replace(/\s/g, ' '), `tick at ${new Date(value).toISOString()} in ${SERVER_TZ}`);
  }
  ha.measure('history_time_tick_text', ticks.x[0].label);
  ha.measure('history_time_ticks_server_zone', true);
});

test(
  `[${LANE}] the history chart's value axes use the German number format`,
  async (t) => {
    const ticks = await historyTicks(ha.page);
    t.diagnostic(`y ticks: ${ticks.y.map((tk) => tk.label).join(' | ')}; y1 ticks: ${ticks.y1.map((tk) => tk.label).join(' | ')}`);
    const all = [...ticks.y, ...ticks.y1];
    assert.ok(all.some((tk) => !Number.isInteger(tk.value)), 'some tick has a fraction (database MB axis)');
    // Each axis writes its ticks with the decimals the finest of them needs ("412,2 | 412,4 | 413,0").
    const decimalsOf = (axis) => {
      for (let d = 0; d < 6; d++) if (axis.every((tk) => Math.abs(tk.value * 10 ** d - Math.round(tk.value * 10 ** d)) < 1e-6)) return d;
      return 6;
    };
    const german = await ha.page.evaluate(
      (axes) => axes.flatMap(({ values, d }) => values.map((v) => new Intl.NumberFormat('de', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v))),
      [ticks.y, ticks.y1].map((axis) => ({ values: axis.map((tk) => tk.value), d: Math.min(6, decimalsOf(axis)) })),
    );
    assert.deepEqual(all.map((tk) => tk.label), german);
  },
);

test(`[${LANE}] tap on the metric card opens HA's more-info dialog for its entity`, async () => {
  const page = ha.page;
  assert.equal(await moreInfoEntity(page), null, 'no more-info open yet');
  await page.locator('vitals-metric-card').first().locator('ha-card').first().click();
  ha.measure('tap_opens_more_info', await expectMoreInfo(page, LOCALE_SENSOR, 'more-info for the metric card entity'));
});

test(`[${LANE}] keyboard: Enter on a focused system-card row opens more-info for its entity`, async () => {
  const page = ha.page;
  const row = page.locator('vitals-system-card li.row.memory').first();
  assert.equal(await row.getAttribute('role'), 'button');
  assert.equal(await row.getAttribute('tabindex'), '0');
  await row.focus();
  await page.keyboard.press('Enter');
  ha.measure('enter_opens_more_info', await expectMoreInfo(page, 'sensor.memory_use_percent', 'more-info for the memory row'));
});

test(`[${LANE}] tap on a history legend entry and on an AI metric row opens more-info`, async () => {
  const page = ha.page;
  await page.locator('vitals-history-card .legend li').first().click();
  ha.measure('history_legend_tap_more_info', await expectMoreInfo(page, 'sensor.disk_use_percent_home', 'more-info for the first history series'));
  await page.locator('vitals-ai-card .rows.metrics .row').first().click();
  ha.measure('ai_metric_tap_more_info', await expectMoreInfo(page, 'sensor.llm_response_ms', 'more-info for the AI metric'));
});

test(`[${LANE}] screenshots of the German dashboard and of every card; no errors`, async (t) => {
  const page = ha.page;
  await dashboardShot(page, `${LANE}-locale-dashboard.png`, 1280);
  const files = [];
  for (const tag of CARD_TAGS) {
    const card = page.locator(tag).first().locator('ha-card').first();
    const file = ha.artifact(`locale-${tag.replace(/^vitals-/, '')}.png`);
    await card.scrollIntoViewIfNeeded({ timeout: 5000 }).catch(() => {});
    await card.screenshot({ path: file, timeout: 10000, animations: 'disabled' });
    files.push(file);
  }
  t.diagnostic(files.join('\n'));
  assert.equal(await page.locator('hui-error-card').count(), 0, 'no hui-error-card');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});
