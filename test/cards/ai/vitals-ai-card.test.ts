import { expect, fixture, html } from '@open-wc/testing';
import '../../helpers/define-cards';
import { AI_CARD_INFO } from '../../../src/cards/ai/config';
import type { VitalsAiCard } from '../../../src/cards/ai/vitals-ai-card';
import { parseAiCardConfig } from '../../../src/cards/ai/config';
import { formatMs, shownRuns, slowestRuns, summarize } from '../../../src/cards/ai/runs';
import { formatterFor } from '../../../src/ui/format';
import { storeFor } from '../../../src/ha/store';
import { telemetryFor } from '../../../src/ha/telemetry/index';
import { fakeHass, sleep } from '../../helpers/fake-connection';
import { PROBE_OPT_IN_KEY, type PipelineEvent } from '../../../src/ha/telemetry/assist';
import { T0, assistConnection, textRun } from './helpers';

type Conn = ReturnType<typeof assistConnection>;

/** One browser's localStorage; `probing` as if an administrator had turned the probe on here. */
const browser = (probing = false) => {
  const map = new Map<string, string>(probing ? [[PROBE_OPT_IN_KEY, 'on']] : []);
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
};

/** A German user: decimal comma, 24 h clock. */
const GERMAN = { language: 'de', locale: { language: 'de', number_format: 'language', time_format: '24', time_zone: 'local' } };

async function renderCard(
  config: Record<string, unknown>,
  connection: Conn = assistConnection(),
  options: { storage?: ReturnType<typeof browser>; admin?: boolean; hass?: Record<string, unknown> } = {},
) {
  const card = (await fixture(html`<vitals-ai-card></vitals-ai-card>`)) as VitalsAiCard;
  card.deviceStorage = options.storage ?? browser();
  card.setConfig({ type: 'custom:vitals-ai-card', ...config });
  card.hass = fakeHass(connection, { user: { is_admin: options.admin ?? true }, ...options.hass });
  await sleep(80); // the first poll, and the store's 50 ms subscription batch
  await card.updateComplete;
  return { card, connection };
}

const $ = (card: Element, selector: string) => card.shadowRoot!.querySelector(selector) as HTMLElement | null;
const $$ = (card: Element, selector: string) => [...card.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];
const text = (card: Element, selector: string) => $(card, selector)?.textContent?.replace(/\s+/g, ' ').trim();

/** Intervals created and cleared while `fn` runs, by delay. */
async function watchIntervals<T>(fn: (live: () => number[]) => Promise<T>): Promise<T> {
  const live = new Map<number, number>();
  const set = window.setInterval;
  const clear = window.clearInterval;
  window.setInterval = ((handler: TimerHandler, ms?: number) => {
    const h = set(handler, ms);
    live.set(h, ms ?? 0);
    return h;
  }) as typeof window.setInterval;
  window.clearInterval = ((h?: number) => {
    if (h !== undefined) live.delete(h);
    clear(h);
  }) as typeof window.clearInterval;
  try {
    return await fn(() => [...live.values()]);
  } finally {
    window.setInterval = set;
    window.clearInterval = clear;
  }
}

describe('vitals-ai-card', () => {
  it('draws a stacked stage bar per run, newest first, with the numbers in its accessible label', async () => {
    // Act
    const { card } = await renderCard({});
    // Assert
    const runs = $$(card, 'li.run');
    expect(runs.map((r) => r.dataset.run)).to.deep.equal(['d', 'c', 'b', 'a']);
    const voice = runs[3];
    expect([...voice.querySelectorAll('.segment')].map((s) => s.className)).to.deep.equal(['segment stt', 'segment intent', 'segment tts']);
    // Bars share one scale: the longest run (1510 ms) fills the track.
    expect((voice.querySelector('.segment.stt') as HTMLElement).style.width).to.equal('52.98%');
    expect(voice.querySelector('.bar')!.getAttribute('role')).to.equal('img');
    expect(voice.querySelector('.bar')!.getAttribute('aria-label')).to.contain(
      'Speech to text 800 ms, Intent 400 ms, Text to speech 200 ms, total 1.51 s, agent conversation.home_assistant',
    );
    expect(voice.querySelector('.total')!.textContent).to.equal('1.51 s');
    expect(runs[2].querySelector('.agent')!.textContent).to.equal('conversation.openai_conversation');
    expect(runs[1].classList.contains('failed')).to.be.true;
    expect(runs[1].querySelector('.error-code')!.textContent).to.equal('stt-no-text-recognized');
    expect(runs[1].querySelector('.bar')!.getAttribute('aria-label')).to.contain('failed: stt-no-text-recognized (No text recognized)');
    // Run times in the user's zone and clock: 12 h in English.
    expect(voice.querySelector('.when')!.textContent).to.match(/^\d{1,2}:\d{2}:\d{2}\s?[AP]M$/);
    expect(voice.querySelector('.bar')!.getAttribute('aria-label')).to.match(/^\d{1,2}:\d{2}:\d{2}\s?[AP]M: Speech to text/);
  });

  it('formats durations, rates and run times for a German user: decimal comma, 24 h clock', async () => {
    // Arrange
    const connection = assistConnection();
    connection.setState('sensor.llm_tokens_per_s', '42.5', { unit_of_measurement: 'tok/s', friendly_name: 'LLM speed' });
    // Act
    const { card } = await renderCard({ metrics: ['sensor.llm_tokens_per_s'] }, connection, { hass: GERMAN });
    // Assert
    const voice = $$(card, 'li.run')[3];
    expect(voice.querySelector('.total')!.textContent).to.equal('1,51 s');
    expect(voice.querySelector('.when')!.textContent).to.match(/^\d{2}:\d{2}:\d{2}$/);
    expect(text(card, 'tr.stage-total .p95')).to.equal('1,39 s');
    // Home Assistant writes a space before "%" in German.
    expect(text(card, '.errors strong')).to.equal('25 %');
    expect(text(card, '.row[data-key="sensor.llm_tokens_per_s"] .value')).to.equal('42,5 tok/s');
  });

  it('opens an AI metric\'s entity on tap (hass-action), from the mouse and the keyboard', async () => {
    // Arrange
    const connection = assistConnection();
    connection.setState('sensor.llm_tokens_per_s', '42.5', { unit_of_measurement: 'tok/s', friendly_name: 'LLM speed' });
    const { card } = await renderCard({ metrics: ['sensor.llm_tokens_per_s'] }, connection);
    const fired: CustomEvent[] = [];
    card.addEventListener('hass-action', (e) => fired.push(e as CustomEvent));
    const metric = $(card, '.row[data-key="sensor.llm_tokens_per_s"]')!;
    // Act
    metric.click();
    metric.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // Assert
    expect(fired.map((e) => e.detail.action)).to.deep.equal(['tap', 'tap']);
    expect(fired[0].detail.config).to.deep.include({ entity: 'sensor.llm_tokens_per_s' });
    expect(metric.classList.contains('actionable')).to.be.true;
    expect(metric.tabIndex).to.equal(0);
    expect(getComputedStyle(metric).cursor).to.equal('pointer');
    // Runs are not entities: nothing to open.
    expect($(card, 'li.run.actionable')).to.equal(null);
  });

  it('shows p50 and p95 per stage and of the whole run over the shown runs', async () => {
    const { card } = await renderCard({});
    // intent: 400, 300, 100 → p50 300, p95 390 (type 7); total: 1510, 320, 120 → p50 320, p95 1391.
    expect(text(card, 'tr.stage-intent .p50')).to.equal('300 ms');
    expect(text(card, 'tr.stage-intent .p95')).to.equal('390 ms');
    expect(text(card, 'tr.stage-stt .p95')).to.equal('800 ms');
    expect(text(card, 'tr.stage-total .p50')).to.equal('320 ms');
    expect(text(card, 'tr.stage-total .p95')).to.equal('1.39 s');
    expect($(card, 'tr.stage-wake_word')).to.equal(null);
    expect(text(card, 'caption')).to.equal('Latency over the last 4 runs');
  });

  it('shows the error rate with its counts, and the three slowest runs', async () => {
    const { card } = await renderCard({});
    expect(text(card, '.errors')).to.equal('Errors: 25% (1 of 4 runs)');
    expect($(card, '.errors.has-errors')).to.exist;
    const slowest = $$(card, 'ol.slowest li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(slowest).to.have.length(3);
    expect(slowest[0]).to.contain('1.51 s').and.contain('Home Assistant · conversation.home_assistant');
    expect(slowest[1]).to.contain('320 ms').and.contain('ChatGPT <b> · conversation.openai_conversation');
    expect(slowest[2]).to.contain('120 ms');
    // Pipeline names are text, never HTML.
    expect($(card, 'ol.slowest b')).to.equal(null);
  });

  it('shows a long agent name in full in the slowest runs at 320 px, wrapped inside the card', async () => {
    // Arrange
    const agent = 'conversation.openai_conversation_home_assistant_gpt_4o_mini_with_a_long_entry_title';
    const connection = assistConnection({ p2: { long: textRun(0, 300, 320, agent) } });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const card = document.createElement('vitals-ai-card') as VitalsAiCard;
    card.setConfig({ type: 'custom:vitals-ai-card' });
    card.hass = fakeHass(connection);
    // Act
    wrapper.appendChild(card);
    await sleep(80);
    await card.updateComplete;
    // Assert
    const where = $(card, 'ol.slowest .where')!;
    expect(where.textContent).to.equal(`ChatGPT <b> · ${agent}`);
    const box = where.getBoundingClientRect();
    const cardBox = card.getBoundingClientRect();
    expect(where.scrollWidth).to.be.at.most(where.clientWidth);
    expect(box.right).to.be.at.most(cardBox.right);
    expect(box.height).to.be.greaterThan(2 * parseFloat(getComputedStyle(where).fontSize));
    // The recent runs keep one line per run: the name is cut there, and whole in the tooltip.
    expect($(card, 'li.run .agent')!.getAttribute('title')).to.equal(agent);
  });

  it('shows only the configured pipeline, at most runs_to_show runs', async () => {
    const { card } = await renderCard({ pipeline: 'p1', runs_to_show: 2 });
    expect($$(card, 'li.run').map((r) => r.dataset.run)).to.deep.equal(['d', 'c']);
    expect(text(card, '.pipeline')).to.equal('Home Assistant');
    expect(text(card, '.errors')).to.equal('Errors: 50% (1 of 2 runs)');
  });

  it('says that run details need an administrator, and still shows the AI metrics', async () => {
    // Arrange
    const connection = assistConnection();
    connection.responders.set('assist_pipeline/pipeline_debug/list', () => {
      throw { code: 'unauthorized', message: 'Unauthorized' };
    });
    connection.setState('sensor.llm_tokens_per_s', '42.5', { unit_of_measurement: 'tok/s', friendly_name: 'LLM speed' });
    // Act
    const { card } = await renderCard({ metrics: ['sensor.llm_tokens_per_s', { entity: 'sensor.model_latency', name: 'Model latency' }] }, connection);
    // Assert
    expect(text(card, '.notice.forbidden')).to.equal('Assist run details need an administrator account.');
    expect($$(card, 'li.run')).to.have.length(0);
    expect(text(card, '.row[data-key="sensor.llm_tokens_per_s"] .label-main')).to.equal('LLM speed');
    expect(text(card, '.row[data-key="sensor.llm_tokens_per_s"] .value')).to.equal('42.5 tok/s');
    expect(text(card, '.row[data-key="sensor.llm_tokens_per_s"] .p95')).to.equal('p95 42.5 tok/s');
    expect(text(card, '.row[data-key="sensor.model_latency"] .label-main')).to.equal('Model latency');
    expect(text(card, '.row[data-key="sensor.model_latency"] .value')).to.equal('—');
  });

  it('says when Assist is not set up', async () => {
    const connection = assistConnection();
    connection.responders.set('assist_pipeline/pipeline/list', () => {
      throw { code: 'unknown_command', message: 'Unknown command.' };
    });
    const { card } = await renderCard({}, connection);
    expect(text(card, '.notice.unavailable')).to.equal('Assist is not set up on this Home Assistant.');
  });

  it('invites a first question when there are no runs yet', async () => {
    const { card } = await renderCard({}, assistConnection({ p1: {}, p2: {} }));
    expect(text(card, '.notice.empty')).to.equal('No Assist runs yet — ask Assist something.');
    expect($(card, 'table.stats')).to.equal(null);
  });

  it('says when the connection is being re-established', async () => {
    const { card, connection } = await renderCard({});
    connection.emit('disconnected');
    await card.updateComplete;
    expect(text(card, '.banner')).to.contain('Reconnecting');
  });

  it('polls Assist while connected and stops polling when removed', async () => {
    await watchIntervals(async (live) => {
      // Arrange
      const { card, connection } = await renderCard({ poll_interval: 20 });
      const telemetry = telemetryFor(storeFor(connection as never), connection as never);
      const polls = () => connection.sent.filter((m) => m.type === 'assist_pipeline/pipeline_debug/list').length;
      expect(live()).to.include(20_000);
      expect(polls()).to.equal(2); // one poll, two pipelines
      // Act
      card.remove();
      // Assert: the poll timer is gone; nothing else polls.
      expect(live()).to.not.include(20_000);
      await sleep(50);
      expect(polls()).to.equal(2);
      expect(telemetry.assist.onChange(() => undefined)).to.be.a('function');
    });
  });

  it('runs the opt-in synthetic probe on its interval and stops it when removed', async () => {
    await watchIntervals(async (live) => {
      // Arrange
      const connection = assistConnection({ p1: {}, p2: {} });
      const subscribe = connection.subscribeMessage.bind(connection);
      connection.subscribeMessage = async (callback, message) => {
        const unsub = await subscribe(callback, message);
        if (message.type === 'assist_pipeline/run') for (const event of textRun(Date.now() - T0, 150, 170, 'conversation.home_assistant')) callback(event);
        return unsub;
      };
      const { card } = await renderCard({ pipeline: 'p1', probe: { text: 'what time is it', interval: 120 } }, connection, { storage: browser(true) });
      expect(live()).to.include(120_000);
      // Act: what the timer does.
      await card.runProbe();
      await card.updateComplete;
      // Assert
      const sent = connection.subscriptions.find((s) => s.message.type === 'assist_pipeline/run')!.message;
      expect(sent).to.deep.include({ input: { text: 'what time is it' }, pipeline: 'p1' });
      const runs = $$(card, 'li.run');
      expect(runs).to.have.length(1);
      expect(runs[0].querySelector('.agent')!.textContent).to.equal('probe · conversation.home_assistant');
      expect(runs[0].querySelector('.total')!.textContent).to.equal('170 ms');
      card.remove();
      expect(live()).to.not.include(120_000);
    });
  });

  it('shows why a probe failed', async () => {
    const connection = assistConnection({ p1: {}, p2: {} });
    connection.subscribeMessage = async () => {
      throw new Error('pipeline not found');
    };
    const { card } = await renderCard({ probe: { text: 'what time is it', interval: 60 } }, connection, { storage: browser(true) });
    await card.runProbe();
    await card.updateComplete;
    expect(text(card, '.probe-error')).to.equal('Probe failed: pipeline not found');
  });

  it('does not run the probe in a browser where it was not turned on, and offers an administrator the switch', async () => {
    // Arrange
    const connection = assistConnection({ p1: {}, p2: {} });
    const { card } = await renderCard({ probe: { text: 'what time is it', interval: 60 } }, connection, { storage: browser(false) });
    // Act
    await card.runProbe();
    await card.updateComplete;
    // Assert
    expect(connection.subscriptions.filter((s) => s.message.type === 'assist_pipeline/run')).to.have.length(0);
    const toggle = $(card, 'input.probe-here') as HTMLInputElement;
    expect(toggle.checked).to.equal(false);
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(text(card, '.probe-status')).to.equal('This browser does not run the probe ("what time is it", every 1 min); its runs from the browser that does are shown here.');
  });

  it('turning the switch on makes this browser the probing one and probes at once; off stops it', async () => {
    // Arrange
    const connection = assistConnection({ p1: {}, p2: {} });
    const subscribe = connection.subscribeMessage.bind(connection);
    connection.subscribeMessage = async (callback, message) => {
      const unsub = await subscribe(callback, message);
      if (message.type === 'assist_pipeline/run') for (const event of textRun(Date.now() - T0, 150, 170, 'conversation.home_assistant')) callback(event);
      return unsub;
    };
    const storage = browser(false);
    const { card } = await renderCard({ probe: { text: 'what time is it', interval: 60 } }, connection, { storage });
    const probes = () => connection.subscriptions.filter((s) => s.message.type === 'assist_pipeline/run').length;
    // Act
    const toggle = $(card, 'input.probe-here') as HTMLInputElement;
    toggle.click();
    await sleep(10);
    await card.updateComplete;
    const afterOn = { stored: storage.map.get(PROBE_OPT_IN_KEY), probes: probes(), status: text(card, '.probe-status') };
    ($(card, 'input.probe-here') as HTMLInputElement).click();
    await card.updateComplete;
    await card.runProbe();
    // Assert
    expect(afterOn).to.deep.equal({ stored: 'on', probes: 1, status: 'This browser runs the probe ("what time is it", every 1 min).' });
    expect(storage.map.get(PROBE_OPT_IN_KEY)).to.equal('off');
    expect(probes()).to.equal(1);
  });

  it('never probes for a user who is not an administrator, even where the probe was turned on, and shows no switch', async () => {
    // Arrange
    const connection = assistConnection({ p1: {}, p2: {} });
    const { card } = await renderCard({ probe: { text: 'what time is it', interval: 60 } }, connection, { storage: browser(true), admin: false });
    // Act
    await card.runProbe();
    await card.updateComplete;
    // Assert
    expect(connection.subscriptions.filter((s) => s.message.type === 'assist_pipeline/run')).to.have.length(0);
    expect($(card, 'input.probe-here')).to.equal(null);
    expect(text(card, '.probe-status')).to.equal('The probe runs in the browser where an administrator turned it on.');
  });

  it('shows the probe runs another browser made, from the debug list, marked as probes', async () => {
    // Arrange: another browser's probe (typed "what time is it") and someone's typed request.
    const probe: PipelineEvent[] = textRun(0, 100, 120, 'conversation.home_assistant');
    probe[1] = { ...probe[1], data: { engine: 'conversation.home_assistant', intent_input: 'what time is it' } };
    const request: PipelineEvent[] = textRun(60_000, 200, 220, 'conversation.home_assistant');
    request[1] = { ...request[1], data: { engine: 'conversation.home_assistant', intent_input: 'turn on the light' } };
    const connection = assistConnection({ p1: { x: probe, y: request }, p2: {} });
    // Act
    const { card } = await renderCard({ probe: { text: 'what time is it', interval: 60 } }, connection, { storage: browser(false) });
    // Assert
    const agents = $$(card, 'li.run').map((li) => li.querySelector('.agent')?.textContent);
    expect(agents).to.deep.equal(['conversation.home_assistant', 'probe · conversation.home_assistant']);
    expect(connection.subscriptions.filter((s) => s.message.type === 'assist_pipeline/run')).to.have.length(0);
  });

  it('offers sizes, the preferred pipeline as stub config, and a lazily loaded editor', async () => {
    const Card = customElements.get('vitals-ai-card') as unknown as typeof VitalsAiCard;
    const card = new Card();
    card.setConfig({ type: 'custom:vitals-ai-card', metrics: ['sensor.a'] });
    expect(card.getCardSize()).to.equal(10);
    expect(card.getGridOptions()).to.include({ columns: 12, min_columns: 6 });
    expect(card.getLayoutOptions()).to.include({ grid_columns: 4 });
    expect(await Card.getStubConfig(fakeHass(assistConnection()))).to.deep.equal({ pipeline: 'p1' });
    const bare = assistConnection();
    bare.responders.clear();
    expect(await Card.getStubConfig(fakeHass(bare))).to.deep.equal({});
    expect((await Card.getConfigElement()).localName).to.equal('vitals-ai-card-editor');
  });

  it('is registered for the card picker with a preview and documentation', () => {
    const entry = AI_CARD_INFO;
    expect(entry).to.include({ preview: true });
    expect(entry?.documentationURL).to.contain('cards-ai-ux');
  });
});

describe('ai card figures', () => {
  const run = (id: string, start: number, totalMs?: number, extra = {}) => ({ runId: id, pipelineId: 'p', start, stages: {}, totalMs, ...extra });

  it('summarizes without runs as no figures, not zeros', () => {
    const s = summarize([]);
    expect(s.errorRate).to.be.NaN;
    expect(s.total.p95).to.be.NaN;
    expect(s.stages).to.deep.equal([]);
    const en = formatterFor();
    const de = formatterFor({ locale: { language: 'de', number_format: 'language' } });
    expect(formatMs(en, undefined)).to.equal('—');
    expect(formatMs(en, 12_345)).to.equal('12.3 s');
    expect(formatMs(en, 420.4)).to.equal('420 ms');
    expect(formatMs(de, 1510)).to.equal('1,51 s');
  });

  it('orders the slowest runs by length, then recency, ignoring unfinished ones', () => {
    const runs = [run('a', 1, 100), run('b', 2, 300), run('c', 3), run('d', 4, 300), run('e', 5, 50)];
    expect(slowestRuns(runs, 3).map((r) => r.runId)).to.deep.equal(['d', 'b', 'a']);
    expect(shownRuns(runs, undefined, 2).map((r) => r.runId)).to.deep.equal(['e', 'd']);
  });
});

describe('ai card config', () => {
  const cases: [unknown, RegExp][] = [
    ['x', /must be a mapping/],
    [{ runs_to_show: 0 }, /runs_to_show: expected a whole number from 1 to 50/],
    [{ runs_to_show: 2.5 }, /runs_to_show: expected a whole number/],
    [{ poll_interval: 1 }, /poll_interval: expected a number from 5 to 3600/],
    [{ pipeline: '' }, /pipeline: expected non-empty text/],
    [{ probe: { interval: 60 } }, /probe\.text: required/],
    [{ probe: { text: 'what time is it', interval: 5 } }, /probe\.interval: expected a number from 60/],
    [{ probe: { text: 'what time is it', pipline: 'x' } }, /probe\.pipline: unknown key; did you mean "pipeline"\?/],
    [{ probe: { text: 'unlock the front door' } }, /probe\.text: expected one of the read-only sentences "what time is it", .*"ha vitals probe" \(free text could change the house\), got "unlock the front door"/],
    [{ probe: { text: 'hi' } }, /probe\.text: expected one of the read-only sentences/],
    [{ probe: 'open the garage' }, /probe: expected a mapping/],
    [{ metrics: ['sensor.ok', 'not an id'] }, /metrics\[1\]\.entity: expected an entity id/],
    [{ runs: 3 }, /runs: unknown key/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} with a message naming the key`, () => {
      expect(() => parseAiCardConfig(input)).to.throw(message);
    });
  }

  it('fills the defaults', () => {
    const config = parseAiCardConfig({ type: 'custom:vitals-ai-card', probe: { text: 'what time is it' }, metrics: 'sensor.tokens' });
    expect(config).to.deep.include({ runs_to_show: 10, poll_interval: 15, metrics: [{ entity: 'sensor.tokens' }] });
    expect(config.probe).to.deep.equal({ text: 'what time is it', interval: 300 });
    expect(config.pipeline).to.equal(undefined);
  });

  it('accepts a probe sentence however it is written, keeping the allow list spelling', () => {
    const config = parseAiCardConfig({ probe: { text: "What's the date?" } });
    expect(config.probe?.text).to.equal('what is the date');
  });
});
