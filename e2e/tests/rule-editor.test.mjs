// A rule built in the visual rule editor, in Home Assistant's real card editor dialog, previewed on
// real recorder history, checked against the replay CLI, saved, and then firing live.
//
// Measurements (report.json, measurements.<lane>):
//   editor_backtest_matches_cli   the preview's firing count = `ha-vitals replay` on the preview's CSV export
//   editor_backtest_firings       that count (the seeded day has 3 excursions above the threshold)
//   editor_backtest_samples       samples the preview replayed
//   editor_backtest_busy_ms       the preview's own compute time for them (shown in the editor)
//   editor_rule_fired_live        the saved rule fired on the dashboard when the sensor crossed it
//
// The history: 24 h of one-a-minute CPU states (40–44 %) with three 10-minute stretches at 95–97 %,
// written into the recorder by seedRecorderStates() before the browsers open.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { markFormFields, openCardEditor, seedRecorderStates, setScheme, sleep, useDashboard, waitFor } from '../lib/index.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const URL_PATH = 'vitals-rules';
const ENTITY = 'sensor.e2e_backtest_cpu';
const ATTRS = { unit_of_measurement: '%', friendly_name: 'Backtest CPU', state_class: 'measurement' };
const MIN = 60_000;
const EXCURSIONS = 3;
const RULE_NAME = 'cpu_hot';

/** A day of minute states, distinct from one to the next (the recorder's minimal answers drop repeats). */
function seededDay(end) {
  const samples = [];
  const start = end - 24 * 60 * MIN;
  for (let k = 0; start + k * MIN <= end; k++) {
    const hour = Math.floor(k / 60);
    const high = hour % 6 === 3 && hour / 6 < EXCURSIONS && k % 60 < 10;
    samples.push([start + k * MIN, high ? 95 + (k % 3) : 40 + (k % 5)]);
  }
  return samples;
}

const ha = useDashboard({
  mqtt: false,
  async setup(h) {
    await seedRecorderStates(h, ENTITY, seededDay(Date.now() - 2 * MIN), { attributes: ATTRS });
    await h.lane.setState(ENTITY, 41, ATTRS);
    await h.lane.flushRecorder();
    await h.ws.send({ type: 'lovelace/dashboards/create', url_path: URL_PATH, title: 'Vitals rules', mode: 'storage', require_admin: false, show_in_sidebar: true });
    await h.ws.send({
      type: 'lovelace/config/save',
      url_path: URL_PATH,
      config: { title: 'Vitals rules', views: [{ title: 'Rules', path: 'rules', cards: [{ type: 'custom:vitals-alerts-card', title: 'CPU alerts', entities: [ENTITY], show: 'all' }] }] },
    });
  },
  open: `${URL_PATH}/rules?edit=1`,
  viewport: { width: 1280, height: 1000 },
  media: { reducedMotion: 'reduce' },
  async ready(h) {
    await h.page.locator('hui-card-options').first().waitFor({ timeout: 20000 });
  },
});
const LANE = ha.laneName;

const savedCard = async () => (await ha.ws.send({ type: 'lovelace/config', url_path: URL_PATH })).views[0].cards[0];

let preview; // {firings, samples, csv}

test(`[${LANE}] rule editor: a threshold rule built in HA's dialog (no YAML), previewed on the recorder's history; the count equals ha-vitals replay`, async (t) => {
  const page = ha.page;
  const dialog = await openCardEditor(page, 0, 1);
  const rules = dialog.locator('vitals-alerts-card-editor vitals-rules-editor');
  await rules.waitFor({ state: 'visible', timeout: 15000 });
  // a new threshold rule
  await rules.locator('select.new-type').selectOption('threshold');
  await rules.locator('button.add-rule').click();
  const open = rules.locator('li.open');
  await open.waitFor({ timeout: 10000 });
  await waitFor(async () => (await markFormFields(page, 'vitals-rules-editor')).includes('above'), { timeoutMs: 10000, what: 'rule form fields' });
  t.diagnostic(`fields: ${(await markFormFields(page, 'vitals-rules-editor')).join(', ')}`);
  const field = (name) => rules.locator(`li.open [data-e2e-field="${name}"]`).first();
  await field('name').locator('input').first().fill(RULE_NAME);
  await field('name').locator('input').first().press('Tab');
  await field('above').locator('input').first().fill('90');
  await field('above').locator('input').first().press('Tab');
  // HA's duration selector: [days,] hours, minutes, seconds — minutes is the one before seconds
  const forInputs = field('for').locator('input');
  const inputs = await forInputs.count();
  for (let i = 0; i < inputs; i++) {
    await forInputs.nth(i).fill(i === inputs - 2 ? '1' : '0');
    await forInputs.nth(i).press('Tab');
  }
  const rule = async () => {
    const alerts = await page.evaluate(() => {
      const find = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'vitals-alerts-card-editor') return el;
          if (el.shadowRoot) {
            const found = find(el.shadowRoot);
            if (found) return found;
          }
        }
        return null;
      };
      return find(document)?.config?.alerts;
    });
    return (Array.isArray(alerts) ? alerts : alerts?.rules)?.find((r) => r.name === RULE_NAME);
  };
  const written = await rule();
  t.diagnostic(`the rule as the editor wrote it: ${JSON.stringify(written)}`);
  assert.deepEqual({ above: written?.above, for: written?.for }, { above: 90, for: '1m' }, 'the form wrote what was typed');

  // the preview beside it, for that very rule (not an earlier edit's)
  const summary = rules.locator('vitals-rule-preview .summary');
  await waitFor(async () => (await summary.getAttribute('data-rule').catch(() => null)) === JSON.stringify(written) && (await rules.locator('vitals-rule-preview .suggestion').count()) > 0, {
    timeoutMs: 30000,
    what: 'preview of the rule as written, with a suggestion',
  });
  const firings = Number(await summary.getAttribute('data-firings'));
  const samples = Number(await summary.getAttribute('data-samples'));
  const text = (await summary.textContent()).trim();
  const took = (await rules.locator('vitals-rule-preview .took').textContent()).trim();
  t.diagnostic(`preview: ${text} | ${took} | ${(await rules.locator('vitals-rule-preview .suggestion').textContent()).trim()}`);
  assert.equal(firings, EXCURSIONS, 'one firing per excursion of the seeded day');
  assert.match(text, new RegExp(`^Would have fired ${EXCURSIONS} times in the last 24 hours`));
  assert.ok(samples >= 24 * 60 - 5, `a day of minute samples replayed (${samples})`);
  // the form's threshold fields and the preview under them in view
  await rules.locator('vitals-rule-preview').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await sleep(300);
  await page.screenshot({ path: ha.artifact('rule-editor-light.png') });
  await setScheme(page, 'dark');
  await page.screenshot({ path: ha.artifact('rule-editor-dark.png') });
  await setScheme(page, 'light');

  // the preview's CSV export, replayed by the CLI with the rule as the form wrote it
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), rules.locator('vitals-rule-preview button.export').click()]);
  const csvPath = ha.artifact('rule-editor-export.csv');
  await download.saveAs(csvPath);
  const rulesPath = ha.artifact('rule-editor-rules.json');
  fs.writeFileSync(rulesPath, JSON.stringify([written]));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/ha-vitals.mjs'), 'replay', '--rules', rulesPath, csvPath], { encoding: 'utf8' });
  const cliFirings = out.split('\n').filter((line) => line.includes('"event":"firing"')).length;
  const rows = fs.readFileSync(csvPath, 'utf8').trim().split('\n').length - 1;
  t.diagnostic(`CLI: ${cliFirings} firing events over ${rows} rows`);
  assert.equal(rows, samples, 'the export holds the samples the preview replayed');
  ha.measure('editor_backtest_firings', firings);
  ha.measure('editor_backtest_samples', samples);
  ha.measure('editor_backtest_busy_ms', Number(took.match(/([\d,.]+) ms/)?.[1].replace(/,/g, '')));
  ha.measure('editor_backtest_matches_cli', cliFirings === firings);
  assert.equal(cliFirings, firings, 'the preview and ha-vitals replay agree');
  preview = { firings, samples };

  // saved through HA's dialog
  await dialog.getByRole('button', { name: 'Save', exact: true }).first().click({ timeout: 10000 });
  let saved;
  await waitFor(async () => {
    saved = await savedCard();
    return (Array.isArray(saved.alerts) ? saved.alerts : saved.alerts?.rules ?? []).some((r) => r.name === RULE_NAME);
  }, { timeoutMs: 10000, what: 'the rule saved in the dashboard config' });
  t.diagnostic(`saved: ${JSON.stringify(saved)}`);
  assert.equal(saved.entities[0], ENTITY, 'the rest of the card config kept');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});

test(`[${LANE}] rule editor: the saved rule fires live when the sensor crosses it`, async (t) => {
  assert.ok(preview, 'the first test built and saved the rule');
  const page = ha.page;
  await page.goto(`${ha.lane.baseUrl}/${URL_PATH}/rules`);
  const card = page.locator('vitals-alerts-card');
  await card.locator('ha-card').first().waitFor({ timeout: 20000 });
  const started = Date.now();
  await ha.lane.setState(ENTITY, 96, ATTRS);
  await sleep(20_000);
  await ha.lane.setState(ENTITY, 97, ATTRS); // still above: a change the engine sees after the pending time
  const firing = card.locator(`li.alert.firing[data-key^="${RULE_NAME}/"]`);
  await firing.first().waitFor({ timeout: 120_000 });
  t.diagnostic(`firing after ${Date.now() - started} ms: ${(await firing.first().textContent()).replace(/\s+/g, ' ').trim()}`);
  ha.measure('editor_rule_fired_live', true);
  // the same preview where the alert is seen: "Last 7 days" on the alert
  await firing.first().locator('button.backtest').click();
  const summary = firing.first().locator('vitals-rule-preview .summary');
  await summary.waitFor({ timeout: 30000 });
  const week = Number(await summary.getAttribute('data-firings'));
  t.diagnostic(`alerts card, last 7 days: ${(await summary.textContent()).trim()}`);
  assert.ok(week >= preview.firings, `the week holds the day's ${preview.firings} firings (got ${week})`);
  assert.equal(await firing.first().locator('vitals-rule-preview button.use').count(), 0, 'read-only in the card');
  await page.screenshot({ path: ha.artifact('rule-editor-firing.png') });
  await ha.lane.setState(ENTITY, 41, ATTRS);
});
