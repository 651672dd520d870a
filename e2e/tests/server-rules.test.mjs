// Rules that run in Home Assistant (issue 9, part A): an alerts card with a threshold rule marked
// `run_in: home_assistant` makes a real HA automation through the config API (opened once by an
// admin); then the rule alerts with no browser open, and with three dashboards open it still sends
// exactly one notification (browsers show its state and send nothing for it).
//
// Measurements (report.json, measurements.<lane>):
//   server_rule_notifications_no_browser     notifications sent for a breach held past `for`, no browser (must be 1)
//   server_rule_resolved_no_browser          resolved messages after recovery, no browser (must be 1)
//   server_rule_notifications_three_browsers the same breach with three dashboards open (must be 1)
//   server_rule_escalations_after_ack        escalation notices after an acknowledgement in a card, before
//                                            the escalation tier was due (must be 0)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, useDashboard, waitFor } from '../lib/index.mjs';

const ENTITY = 'sensor.e2e_server_cpu';
const ATTRS = { unit_of_measurement: '%', friendly_name: 'Server CPU', state_class: 'measurement' };
// group_wait 0s and group_interval 10s (its minimum): the firing notice at once, the resolved one 10 s
// after it at the earliest — the browser's pacing, which the automation follows.
const RULE = {
  name: 'cpu_server', type: 'threshold', above: 90, recover_below: 80, for: '20s', run_in: 'home_assistant', severity: 'critical',
  group_wait: '0s', group_interval: '10s', notify: ['persistent_notification.create'],
};
const LOAD = 'sensor.e2e_server_load';
// Two tiers: the escalation is due 45 s after firing unless someone acknowledges in a card.
const ESCALATING = {
  name: 'load_server', type: 'threshold', entity: LOAD, above: 5, for: '10s', run_in: 'home_assistant', severity: 'critical',
  group_wait: '0s', group_interval: '10s', notify: ['persistent_notification.create', { service: 'persistent_notification.create', after: '45s' }],
};
const CARD = { type: 'custom:vitals-alerts-card', title: 'Server rules', entities: [ENTITY, LOAD], show: 'all', alerts: [{ ...RULE, entity: ENTITY }, ESCALATING] };

const ha = useDashboard({
  // MQTT: acknowledgements reach Home Assistant through the shared alert state
  states: { [ENTITY]: [40, ATTRS], [LOAD]: [1, { friendly_name: 'Server load', state_class: 'measurement' }] },
  cards: [CARD],
  browsers: 1,
});
const LANE = ha.laneName;

/** persistent_notification.create calls of this rule since `since` (ms), by what they say. */
function notifications(since) {
  const calls = ha.calls('persistent_notification', 'create').filter((c) => Date.parse(c.time_fired) >= since && /cpu_server/.test(`${c.service_data?.title} ${c.service_data?.message}`));
  return {
    firing: calls.filter((c) => !/^Resolved/.test(c.service_data?.title ?? '')),
    resolved: calls.filter((c) => /^Resolved/.test(c.service_data?.title ?? '')),
  };
}

async function automationOfRule() {
  const states = await ha.lane.rest('GET', '/api/states');
  return states.find((s) => s.entity_id.startsWith('automation.') && typeof s.attributes?.id === 'string' && s.attributes.id.startsWith('ha_vitals_') && s.attributes.id.includes('cpu_server'));
}

let automation;

test(`[${LANE}] server rules: the admin's dashboard makes the HA automation for a run_in: home_assistant rule`, async (t) => {
  const card = ha.page.locator('vitals-alerts-card');
  await card.locator('.server-rules').first().waitFor({ timeout: 30000 });
  await waitFor(async () => Boolean((automation = await automationOfRule())), { timeoutMs: 30000, what: 'an automation.* with a ha_vitals_ id for cpu_server' });
  const stored = await ha.lane.rest('GET', `/api/config/automation/config/${automation.attributes.id}`);
  t.diagnostic(`automation ${automation.entity_id} (${automation.state}): ${JSON.stringify(stored).slice(0, 1500)}`);
  assert.equal(automation.state, 'on');
  assert.match(stored.description, /HA Vitals/);
  assert.match(await card.locator('.server-rules').first().textContent(), /cpu_server/);
  // a second dashboard load finds the automation as it is and writes nothing (HA stores newer syntax)
  const written = await card.evaluate((el) => el.card?._serverStatus?.written ?? el._serverStatus?.written);
  t.diagnostic(`written by this load: ${written}`);
  await ha.page.reload();
  await card.locator('.server-rules li.running').first().waitFor({ timeout: 30000 });
  await sleep(1000);
  assert.equal(await card.evaluate((el) => el.card?._serverStatus?.written ?? el._serverStatus?.written), 0, 'nothing rewritten on the next load');
  await ha.page.screenshot({ path: ha.artifact('server-rules-card.png') });
});

test(`[${LANE}] server rules: with no browser open, a breach held past "for" notifies once, recovery once`, async (t) => {
  assert.ok(automation, 'the first test made the automation');
  await ha.tab.context.close(); // every screen off
  await sleep(2000);
  const since = Date.now();
  await ha.lane.setState(ENTITY, 95, ATTRS);
  await sleep(10_000);
  await ha.lane.setState(ENTITY, 96, ATTRS);
  await waitFor(() => notifications(since).firing.length >= 1, { timeoutMs: 60_000, what: 'the automation notified' });
  await sleep(15_000); // nothing more may come while the breach holds
  const fired = notifications(since);
  t.diagnostic(`firing: ${JSON.stringify(fired.firing.map((c) => c.service_data))}`);
  ha.measure('server_rule_notifications_no_browser', fired.firing.length);
  assert.equal(fired.firing.length, 1);
  await ha.lane.setState(ENTITY, 85, ATTRS); // above recover_below: still firing (hysteresis)
  await sleep(5000);
  assert.equal(notifications(since).resolved.length, 0, 'no resolved message above recover_below');
  await ha.lane.setState(ENTITY, 60, ATTRS);
  await waitFor(() => notifications(since).resolved.length >= 1, { timeoutMs: 30_000, what: 'the resolved message' });
  await sleep(5000);
  const done = notifications(since);
  t.diagnostic(`resolved: ${JSON.stringify(done.resolved.map((c) => c.service_data))}`);
  ha.measure('server_rule_resolved_no_browser', done.resolved.length);
  assert.equal(done.resolved.length, 1);
  assert.equal(done.firing[0].service_data.notification_id, done.resolved[0].service_data.notification_id, 'one notification id: the resolved message replaces the firing one');
});

test(`[${LANE}] server rules: with three dashboards open, still exactly one notification`, async (t) => {
  assert.ok(automation, 'the first test made the automation');
  const tabs = [];
  for (let i = 0; i < 3; i++) tabs.push(await ha.newPage());
  for (const tab of tabs) await tab.page.locator('vitals-alerts-card .server-rules').first().waitFor({ timeout: 30000 });
  await sleep(3000);
  const since = Date.now();
  await ha.lane.setState(ENTITY, 97, ATTRS);
  await sleep(10_000);
  await ha.lane.setState(ENTITY, 98, ATTRS);
  await waitFor(() => notifications(since).firing.length >= 1, { timeoutMs: 60_000, what: 'the automation notified' });
  // the browsers see it firing too
  await waitFor(async () => (await tabs[0].page.locator('vitals-alerts-card li.alert.firing').count()) > 0, { timeoutMs: 30_000, what: 'a card shows it firing' });
  await sleep(15_000);
  const fired = notifications(since);
  t.diagnostic(`firing with three dashboards: ${fired.firing.length}`);
  ha.measure('server_rule_notifications_three_browsers', fired.firing.length);
  await tabs[0].page.screenshot({ path: ha.artifact('server-rules-firing.png') });
  assert.equal(fired.firing.length, 1);
  await ha.lane.setState(ENTITY, 40, ATTRS);
});

test(`[${LANE}] server rules: an acknowledgement in a card stops the automation's escalation`, async (t) => {
  const { page } = await ha.newPage();
  const card = page.locator('vitals-alerts-card');
  await card.locator('.server-rules li.running').nth(1).waitFor({ timeout: 30000 });
  const since = Date.now();
  const calls = () => ha.calls('persistent_notification', 'create').filter((c) => Date.parse(c.time_fired) >= since && /load_server/.test(`${c.service_data?.title}`));
  await ha.lane.setState(LOAD, 8, { friendly_name: 'Server load', state_class: 'measurement' });
  await sleep(5000);
  await ha.lane.setState(LOAD, 9, { friendly_name: 'Server load', state_class: 'measurement' });
  await waitFor(() => calls().length >= 1, { timeoutMs: 60_000, what: 'the firing notice from HA' });
  const row = card.locator('li.alert.firing[data-key^="load_server/"]').first();
  await row.waitFor({ timeout: 30_000 });
  await row.locator('button.ack').click();
  await waitFor(async () => {
    const shared = await ha.lane.rest('GET', '/api/states/sensor.ha_vitals_alert_state').catch(() => null);
    return Object.entries(shared?.attributes?.acks ?? {}).some(([k, a]) => k.endsWith('|load_server/sensor.e2e_server_load') && a.acked);
  }, { timeoutMs: 30_000, what: 'the ack in the shared alert state' });
  const firedAt = Date.parse(calls()[0].time_fired);
  await waitFor(() => Date.now() > firedAt + 45_000 + 15_000, { timeoutMs: 90_000, intervalMs: 1000, what: 'past the escalation tier' });
  const escalations = calls().filter((c) => /^Escalation/.test(c.service_data.title));
  t.diagnostic(`notices: ${JSON.stringify(calls().map((c) => c.service_data.title))}`);
  ha.measure('server_rule_escalations_after_ack', escalations.length);
  assert.equal(escalations.length, 0);
  // the control: the next episode, not acknowledged, does escalate
  await ha.lane.setState(LOAD, 1, { friendly_name: 'Server load', state_class: 'measurement' });
  await waitFor(() => calls().some((c) => /^Resolved/.test(c.service_data.title)), { timeoutMs: 60_000, what: 'the episode resolved' });
  const again = Date.now();
  await ha.lane.setState(LOAD, 8, { friendly_name: 'Server load', state_class: 'measurement' });
  await sleep(5000);
  await ha.lane.setState(LOAD, 9, { friendly_name: 'Server load', state_class: 'measurement' });
  await waitFor(() => calls().some((c) => /^Escalation/.test(c.service_data.title) && Date.parse(c.time_fired) >= again), { timeoutMs: 120_000, intervalMs: 1000, what: 'the escalation of an unacknowledged episode' });
  t.diagnostic('the unacknowledged episode escalated');
  await ha.lane.setState(LOAD, 1, { friendly_name: 'Server load', state_class: 'measurement' });
});
