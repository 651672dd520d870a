// Trend rules that run in Home Assistant (issue 9, part A): an alerts card with a trend rule marked
// `run_in: home_assistant` makes HA's own Trend helper (a config entry, through the config flow the
// Helpers dialog uses) and an automation that follows its binary sensor. With no browser open, a
// rising series notifies once and its end resolves once. The helper's verdict is compared with the
// browser's TrendDetector fed the same samples (HA's own timestamps): they must turn on at the same
// sample.
//
// Measurements (report.json, measurements.<lane>):
//   server_trend_helper_made                  the Trend helper exists with the rule's settings
//   server_trend_notifications_no_browser     notifications for a rise held past `for`, no browser (must be 1)
//   server_trend_resolved_no_browser          resolved messages once the rise ended (must be 1)
//   server_trend_onset_vs_browser_samples     samples between HA's helper turning on and the browser's
//                                             detector doing so on the same samples (must be 0)
//   server_trend_helper_removed               removing the rule's automation from the card removes the helper
//   server_rules_written_while_editing        automations + helpers written while a card with a new HA rule is
//                                             shown in edit mode and in the card editor's preview (must be 0)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCore } from '../../bench/load-core.mjs';
import { openCardEditor, sleep, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_trend_memory';
const ATTRS = { unit_of_measurement: 'MB', friendly_name: 'Trend memory', state_class: 'measurement' };
// A 2-minute window, 5 samples at least, rising faster than 0.1 MB/s for 10 s.
const RULE = {
  name: 'mem_leak', type: 'trend', entity: ENTITY, window: '2m', min_gradient: 0.1, min_samples: 5, for: '10s', run_in: 'home_assistant',
  severity: 'warning', group_wait: '0s', group_interval: '10s', notify: ['persistent_notification.create'],
};
const CARD = { type: 'custom:vitals-alerts-card', title: 'Trend rules', entities: [ENTITY], show: 'all', alerts: [RULE] };
const FEED_MS = 3_000;

const ha = useDashboard({
  states: { [ENTITY]: [500, ATTRS] },
  cards: [CARD],
  browsers: 1,
});
const LANE = ha.laneName;

const trendEntries = async () => (await ha.lane.rest('GET', '/api/config/config_entries/entry?domain=trend')).filter((e) => e.title.startsWith('ha_vitals_trend_'));

function notices(since) {
  const calls = ha.calls('persistent_notification', 'create').filter((c) => Date.parse(c.time_fired) >= since && /mem_leak/.test(`${c.service_data?.title}`));
  return { firing: calls.filter((c) => !/^Resolved/.test(c.service_data.title)), resolved: calls.filter((c) => /^Resolved/.test(c.service_data.title)) };
}

let helper; // { title, entityId }
let automationId;

test(`[${LANE}] server trend rules: the admin's dashboard makes HA's Trend helper and the automation that follows it`, async (t) => {
  const card = ha.page.locator('vitals-alerts-card');
  await card.locator('.server-rules li.running').first().waitFor({ timeout: 30000 });
  const [entry] = await waitFor(async () => {
    const found = await trendEntries();
    return found.length ? found : null;
  }, { timeoutMs: 30000, what: 'a ha_vitals_trend_ config entry' });
  helper = { title: entry.title, entityId: `binary_sensor.${entry.title}` };
  const sensor = await waitFor(() => ha.lane.getState(helper.entityId).catch(() => null), { timeoutMs: 30000, what: helper.entityId });
  t.diagnostic(`helper ${helper.entityId}: ${JSON.stringify(sensor.attributes)}`);
  const states = await ha.lane.rest('GET', '/api/states');
  const automation = states.find((s) => s.entity_id.startsWith('automation.') && String(s.attributes?.id ?? '').includes('mem_leak'));
  automationId = automation.attributes.id;
  const stored = await ha.lane.rest('GET', `/api/config/automation/config/${automationId}`);
  const trigger = (stored.trigger ?? stored.triggers)[0];
  t.diagnostic(`automation ${automation.entity_id}: trigger ${JSON.stringify(trigger)}`);
  assert.equal(trigger.entity_id, helper.entityId);
  assert.equal(trigger.to, 'on');
  assert.equal(sensor.attributes.sample_duration, 120);
  assert.equal(sensor.attributes.min_gradient, 0.1);
  assert.equal(sensor.attributes.entity_id, ENTITY);
  assert.equal((await trendEntries()).length, 1, 'one helper');
  ha.measure('server_trend_helper_made', true);
  // a reload makes nothing new
  await ha.page.reload();
  await card.locator('.server-rules li.running').first().waitFor({ timeout: 30000 });
  await sleep(2000);
  assert.equal((await trendEntries()).length, 1, 'still one helper after a second load');
  await ha.page.screenshot({ path: ha.artifact('server-trend-card.png') });
});

test(`[${LANE}] server trend rules: with no browser open, a rise notifies once and its end resolves once, at the browser detector's sample`, async (t) => {
  assert.ok(helper, 'the first test made the helper');
  await ha.tab.context.close(); // every screen off
  await sleep(2000);
  const since = Date.now();
  // 60 s flat (±0.2 MB), 60 s rising 0.5 MB/s, then flat at the new level; every sample's HA timestamp kept.
  const samples = [];
  const feed = async (n, valueAt) => {
    for (let i = 0; i < n; i++) {
      const value = +valueAt(i).toFixed(2);
      const state = await ha.lane.setState(ENTITY, value, ATTRS);
      // An unchanged state is no new sample for HA (no state_changed event, last_updated kept): nor here.
      const t = Date.parse(state.last_updated);
      if (t >= since && t !== samples.at(-1)?.t) samples.push({ t, value });
      await sleep(FEED_MS);
    }
  };
  const wobble = (i) => 0.2 * Math.sin(i * 1.3);
  await feed(20, (i) => 501 + wobble(i));
  const rise = samples.length;
  await feed(20, (i) => 501 + 0.5 * (FEED_MS / 1000) * (i + 1) + wobble(i));
  await waitFor(() => notices(since).firing.length >= 1, { timeoutMs: 60_000, what: 'the firing notice from HA' });
  const top = samples.at(-1).value;
  await feed(50, (i) => top + wobble(i)); // the window (2 min) empties of the rise
  await waitFor(() => notices(since).resolved.length >= 1, { timeoutMs: 120_000, what: 'the resolved notice from HA' });
  await sleep(5000);
  const done = notices(since);
  t.diagnostic(`firing: ${JSON.stringify(done.firing.map((c) => c.service_data))}`);
  t.diagnostic(`resolved: ${JSON.stringify(done.resolved.map((c) => c.service_data.title))}`);
  ha.measure('server_trend_notifications_no_browser', done.firing.length);
  ha.measure('server_trend_resolved_no_browser', done.resolved.length);
  assert.equal(done.firing.length, 1);
  assert.equal(done.resolved.length, 1);
  assert.match(done.firing[0].service_data.message, /slope \+\d/);

  // The helper's first "on" against the browser's detector on the same samples.
  const history = await ha.lane.history(helper.entityId, { start: new Date(since) });
  const onAt = Date.parse(history.find((s) => s.state === 'on')?.last_changed ?? 'NaN');
  const haSample = samples.findLastIndex((s) => s.t <= onAt);
  const { TrendDetector } = await loadCore();
  const detector = new TrendDetector({ windowMs: 120_000, minSlopePerHour: 0.1 * 3600, direction: 'up', minSamples: 5 });
  const browserSample = samples.findIndex((s) => detector.update(s.t, s.value).active);
  t.diagnostic(`rise from sample ${rise}; HA's helper on at sample ${haSample} (${new Date(onAt).toISOString()}), the browser's detector at sample ${browserSample}`);
  ha.measure('server_trend_onset_vs_browser_samples', Math.abs(haSample - browserSample));
  assert.ok(haSample >= rise, 'not before the rise');
  assert.equal(haSample, browserSample);
});

test(`[${LANE}] server trend rules: removing the rule's automation from the card removes its helper`, async (t) => {
  assert.ok(helper && automationId, 'the first test made them');
  // The trend rule leaves the card (a threshold rule still runs in HA, so the card keeps its
  // "runs in Home Assistant" section): its automation is an orphan the card offers to remove.
  const threshold = { name: 'mem_high', type: 'threshold', entity: ENTITY, above: 100000, run_in: 'home_assistant', notify: ['persistent_notification.create'] };
  ha.writeDashboard([{ ...CARD, alerts: [threshold] }]);
  const { page } = await ha.newPage();
  const orphan = page.locator('vitals-alerts-card .server-rules li.orphan').first();
  await orphan.waitFor({ timeout: 30000 });
  await orphan.locator('button.remove-orphan').click();
  await waitFor(async () => (await trendEntries()).length === 0, { timeoutMs: 30000, what: 'the helper removed' });
  await waitFor(async () => !(await ha.lane.rest('GET', `/api/config/automation/config/${automationId}`).catch(() => null)), { timeoutMs: 30000, what: 'the automation removed' });
  t.diagnostic(`helper ${helper.entityId} and automation ${automationId} removed`);
  ha.measure('server_trend_helper_removed', true);
});

test(`[${LANE}] server trend rules: nothing is written while the card is edited; the saved card writes it`, async (t) => {
  // A storage dashboard (editable) whose alerts card has a trend rule that runs in HA and was never synced.
  const PATH = 'vitals-trend-edit';
  const probe = { ...RULE, name: 'edit_probe', min_gradient: 0.3 };
  await ha.ws.send({ type: 'lovelace/dashboards/create', url_path: PATH, title: 'Trend edit', mode: 'storage', require_admin: false, show_in_sidebar: false });
  await ha.ws.send({ type: 'lovelace/config/save', url_path: PATH, config: { views: [{ title: 'Edit', path: 'edit', cards: [{ ...CARD, alerts: [probe] }] }] } });
  const helpersBefore = (await trendEntries()).length;
  const probeAutomation = async () => (await ha.lane.rest('GET', '/api/states')).find((s) => s.entity_id.startsWith('automation.') && String(s.attributes?.id ?? '').includes('edit_probe'));
  const { page } = await ha.newPage({ open: false });
  // Edit mode, then the card editor with its preview.
  await ha.openDashboard(page, `${PATH}/edit?edit=1`);
  const note = page.locator('vitals-alerts-card .server-rules .note').first();
  await note.waitFor({ timeout: 30000 });
  t.diagnostic(`edit mode: ${await note.textContent()}`);
  await openCardEditor(page, 0, 1);
  await waitFor(async () => (await page.locator('vitals-alerts-card').count()) >= 2, { timeoutMs: 15000, what: 'the preview card in the editor' });
  await sleep(3000);
  const written = ((await trendEntries()).length - helpersBefore) + ((await probeAutomation()) ? 1 : 0);
  t.diagnostic(`written while editing: ${written}`);
  ha.measure('server_rules_written_while_editing', written);
  // Cancel, and the dashboard shown normally: the saved card writes its helper and automation.
  await page.keyboard.press('Escape');
  await ha.openDashboard(page, `${PATH}/edit`);
  await waitFor(probeAutomation, { timeoutMs: 30000, what: 'the edit_probe automation once the dashboard is shown' });
  await waitFor(async () => (await trendEntries()).length === helpersBefore + 1, { timeoutMs: 30000, what: 'its Trend helper' });
  assert.equal(written, 0);
});
