// The cards' visual editors in Home Assistant's real card editor dialog
// (hui-dialog-edit-card) on a storage-mode dashboard: every card's editor
// opens, a field is changed through the real form, Save writes the change to
// the dashboard config (checked over the websocket with lovelace/config).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardConfigs, markFormFields, openCardEditor, sleep, startFeeder, useDashboard, waitFor } from '../lib/index.mjs';

const URL_PATH = 'vitals-edit';

let feeder;

const ha = useDashboard({
  async setup(h) {
    feeder = startFeeder(h.lane);
    h.defer(() => feeder.stop());
    await feeder.first();
    // a storage-mode dashboard (the card editor saves through lovelace/config/save)
    await h.ws.send({ type: 'lovelace/dashboards/create', url_path: URL_PATH, title: 'Vitals edit', mode: 'storage', require_admin: false, show_in_sidebar: true });
    await h.ws.send({ type: 'lovelace/config/save', url_path: URL_PATH, config: { title: 'Vitals edit', views: [{ title: 'Edit', path: 'edit', cards: cardConfigs() }] } });
  },
  open: `${URL_PATH}/edit?edit=1`,
  viewport: { width: 1280, height: 900 },
  media: { reducedMotion: 'reduce' },
  async ready(h) {
    await h.page.locator('hui-card-options').first().waitFor({ timeout: 20000 });
  },
});
const LANE = ha.laneName;

/** [index in the view, card tag, editor tag, field to change (ha-form schema name), new value, config key] */
const EDITS = [
  [0, 'metric', 'vitals-metric-card-editor', 'name', 'CPU edited'],
  [2, 'history', 'vitals-history-card-editor', 'title', 'Host edited'],
  [3, 'system', 'vitals-system-card-editor', 'title', 'System edited'],
  [4, 'ai', 'vitals-ai-card-editor', 'title', 'Assist edited'],
  [5, 'ux', 'vitals-ux-card-editor', 'title', 'Browser edited'],
  [6, 'alerts', 'vitals-alerts-card-editor', 'title', 'Alerts edited'],
  [7, 'overview', 'vitals-overview-card-editor', 'title', 'Health edited'],
];

const savedCards = async () => (await ha.ws.send({ type: 'lovelace/config', url_path: URL_PATH })).views[0].cards;

async function closeDialog(dialog, button) {
  await dialog.getByRole('button', { name: button, exact: true }).first().click({ timeout: 10000 });
  await waitFor(async () => !(await dialog.locator('hui-card-element-editor').first().isVisible().catch(() => false)), { timeoutMs: 10000, what: 'dialog closed' });
  await sleep(300);
}

for (const [index, card, editorTag, field, value] of EDITS) {
  test(`[${LANE}] ${card} card: editor in HA's dialog, change ${field}, Save persists it`, async (t) => {
    const dialog = await openCardEditor(ha.page, index, 8);
    const editor = dialog.locator(editorTag);
    await editor.waitFor({ state: 'visible', timeout: 15000 }).catch(async (e) => {
      await ha.page.screenshot({ path: ha.artifact(`editor-${card}-failure.png`) });
      const alerts = (await dialog.locator('ha-alert').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
      e.message += ` (dialog alerts: ${JSON.stringify(alerts)}; YAML editor shown: ${(await dialog.locator('ha-code-editor').count()) > 0})`;
      await closeDialog(dialog, 'Cancel').catch(() => {});
      throw e;
    });
    assert.ok((await editor.locator('ha-form').count()) >= 1, 'ha-form inside the editor');
    await waitFor(async () => (await markFormFields(ha.page, editorTag)).includes(field), { timeoutMs: 10000, what: `ha-form field ${field}` });
    const names = await markFormFields(ha.page, editorTag);
    t.diagnostic(`fields: ${names.join(', ')}`);
    // the form is really rendered (not the fallback note)
    assert.equal(await editor.locator('.fallback').isVisible().catch(() => false), false, 'ha-form rendered, not the fallback');
    await ha.page.screenshot({ path: ha.artifact(`editor-${card}.png`) });
    const input = editor.locator(`[data-e2e-field="${field}"] input`).first();
    await input.fill(value);
    await input.press('Tab');
    await sleep(300);
    await closeDialog(dialog, 'Save');
    let saved;
    await waitFor(async () => {
      saved = (await savedCards())[index];
      return saved?.[field] === value;
    }, { timeoutMs: 10000, what: `saved config of card ${index} has ${field}=${value}` });
    t.diagnostic(`saved: ${JSON.stringify(saved)}`);
    // what the user did not touch is kept
    const original = cardConfigs()[index];
    for (const [k, v] of Object.entries(original)) if (k !== field) assert.deepEqual(saved[k], v, `key ${k} kept`);
    // the dashboard re-renders the card with the change
    await waitFor(async () => ((await ha.page.locator(`vitals-${card}-card ha-card`).first().textContent()) ?? '').includes(value), {
      timeoutMs: 10000,
      what: `card shows ${value}`,
    });
    assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
  });
}

test(`[${LANE}] second metric card (input_number): dialog opens without error`, async () => {
  const dialog = await openCardEditor(ha.page, 1, 8);
  await dialog.locator('vitals-metric-card-editor').waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await dialog.locator('hui-error-card').count(), 0, 'no error card in the preview');
  await closeDialog(dialog, 'Cancel');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});
