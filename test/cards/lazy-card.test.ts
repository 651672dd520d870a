import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ha-vitals';
import { lazyCardClass } from '../../src/cards/lazy-card';
import { codeLoadsPending } from '../../src/ha/code-loads';
import { FakeConnection, fakeHass } from '../helpers/fake-connection';

type Wrapper = HTMLElement & {
  setConfig(c: unknown): void;
  hass: unknown;
  card?: HTMLElement & { info?: unknown };
  getCardSize(): number | Promise<number>;
  getGridOptions(): { rows: unknown };
  getLayoutOptions(): object;
};

/** A card type with no real code: tests give it the `load` they need. */
const specBase = (tag: string) => ({ tag, parse: (c: unknown) => c, layout: () => ({ grid: {}, layout: {} }), cardSize: 2 });

/** What the browser throws when a chunk's URL answers 404 (the file was replaced). */
const chunkGone = async (): Promise<never> => {
  throw new TypeError('Failed to fetch dynamically imported module');
};

describe('the entry module (lazy cards)', () => {
  it('lists and defines all seven cards without loading their code', () => {
    // Assert
    const types = (window.customCards ?? []).map((c) => c.type);
    expect(types).to.have.members(['vitals-metric-card', 'vitals-history-card', 'vitals-system-card', 'vitals-ux-card', 'vitals-ai-card', 'vitals-alerts-card', 'vitals-overview-card']);
    for (const type of types) expect(customElements.get(type), type).to.not.equal(undefined);
    expect(customElements.get('vitals-history-card-view')).to.equal(undefined);
  });

  it('refuses a bad config at once, naming the key (Home Assistant shows it in its error card)', () => {
    // Arrange
    const card = document.createElement('vitals-history-card') as Wrapper;
    // Act / Assert
    expect(() => card.setConfig({ type: 'custom:vitals-history-card', entities: ['sensor.a'], hours_to_show: 'lots' })).to.throw(/hours_to_show/);
    expect(() => card.setConfig({ type: 'custom:vitals-history-card', entities: ['sensor.a'] })).to.not.throw();
  });

  it('loads the code of the card a dashboard uses, and only that card', async () => {
    // Arrange
    const connection = new FakeConnection();
    connection.setState('sensor.a', '42', { friendly_name: 'A', unit_of_measurement: '%' });
    const host = await fixture<HTMLDivElement>(html`<div style="width: 400px; height: 300px"></div>`);
    const card = document.createElement('vitals-history-card') as Wrapper;
    card.setConfig({ type: 'custom:vitals-history-card', entities: ['sensor.a'] });
    card.hass = fakeHass(connection);
    // Act
    host.appendChild(card);
    // Assert
    await waitUntil(() => card.card !== undefined, 'the history card code was not loaded', { timeout: 5000 });
    expect(card.card!.tagName).to.equal('VITALS-HISTORY-CARD-VIEW');
    await waitUntil(() => card.shadowRoot?.querySelector('.legend-value')?.textContent?.includes('42'), 'legend not drawn', { timeout: 5000 });
    expect(customElements.get('vitals-ux-card-view')).to.equal(undefined);
    expect(await card.getCardSize()).to.equal(5);
  });

  it("passes Home Assistant's editMode and preview to the loaded card, set before or after its code arrived", async () => {
    // Arrange
    class Inner extends HTMLElement {
      editMode?: boolean;
      preview?: boolean;
      setConfig(): void {}
    }
    const Lazy = lazyCardClass({ ...specBase('vitals-edit-mode-card'), load: async () => Inner as never });
    customElements.define('vitals-edit-mode-card', Lazy);
    const card = document.createElement('vitals-edit-mode-card') as Wrapper & { editMode: boolean; preview: boolean };
    card.setConfig({});
    card.editMode = true;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Act
    host.appendChild(card);
    await waitUntil(() => card.card !== undefined, 'not loaded');
    const atLoad = (card.card as Inner).editMode;
    card.preview = true;
    card.editMode = false;
    // Assert
    expect(atLoad).to.equal(true);
    expect((card.card as Inner).editMode).to.equal(false);
    expect((card.card as Inner).preview).to.equal(true);
    expect(card.preview).to.equal(true);
  });

  it('holds the store back from its creation until the loaded card is on the page, not just until its code arrived', async () => {
    // Arrange: no other hold in flight; a card type whose code is already loaded
    await waitUntil(() => codeLoadsPending() === 0, 'other holds still pending', { timeout: 3000 });
    class Inner extends HTMLElement {
      setConfig(): void {}
    }
    const Lazy = lazyCardClass({ ...specBase('vitals-hold-card'), load: async () => Inner as never });
    customElements.define('vitals-hold-card', Lazy);
    const card = document.createElement('vitals-hold-card') as Wrapper;
    // Act: Home Assistant creates the card and asks its size (the code loads) before attaching it
    card.setConfig({});
    await card.getCardSize();
    await new Promise((r) => setTimeout(r, 20));
    const whileDetached = codeLoadsPending();
    (await fixture<HTMLDivElement>(html`<div></div>`)).appendChild(card);
    await new Promise((r) => setTimeout(r, 20));
    // Assert
    expect(card.card).to.be.instanceOf(Inner);
    expect(whileDetached).to.equal(1);
    expect(codeLoadsPending()).to.equal(0);
  });

  it('gives the same sections-view sizes before and after its code loads', async () => {
    // Arrange
    const config = { type: 'custom:vitals-system-card', entities: { cpu: 'sensor.cpu', memory: 'sensor.mem' } };
    const card = document.createElement('vitals-system-card') as Wrapper;
    card.setConfig(config);
    const before = [card.getGridOptions(), card.getLayoutOptions()];
    card.hass = fakeHass(new FakeConnection());
    // Act
    const host = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
    host.appendChild(card);
    await waitUntil(() => card.card !== undefined, 'the system card code was not loaded', { timeout: 5000 });
    // Assert
    const loaded = card.card as unknown as { getGridOptions(): object; getLayoutOptions(): object };
    expect([loaded.getGridOptions(), loaded.getLayoutOptions()]).to.deep.equal(before);
    expect(before[0]).to.deep.include({ rows: 3 }); // two resources: 48 + 2 × 46 px in rows of 56 px
  });

  it('hands the card picker a stub config and the visual editor from the loaded code', async () => {
    const cls = customElements.get('vitals-metric-card') as unknown as { getStubConfig(hass: unknown): Promise<Record<string, unknown>>; getConfigElement(): Promise<HTMLElement> };
    const stub = await cls.getStubConfig(fakeHass(new FakeConnection()));
    expect(stub).to.have.property('entity');
    const editor = await cls.getConfigElement();
    expect(editor.tagName).to.equal('VITALS-METRIC-CARD-EDITOR');
  });

  it('shows a visible message when the card code cannot be fetched, and tries again later', async () => {
    // Arrange: a card type whose code fails to load once
    let attempts = 0;
    const Lazy = lazyCardClass({
      ...specBase('vitals-flaky-card'),
      load: async () => {
        attempts++;
        if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return class extends HTMLElement {
          setConfig(): void {}
        } as never;
      },
      serverAnswers: async () => false, // the connection is down
    });
    customElements.define('vitals-flaky-card', Lazy);
    const first = document.createElement('vitals-flaky-card') as Wrapper;
    first.setConfig({});
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Act
    host.appendChild(first);
    // Assert
    await waitUntil(() => first.querySelector('[role="alert"]') !== null, 'no visible failure');
    expect(first.textContent).to.match(/could not be loaded/);
    const second = document.createElement('vitals-flaky-card') as Wrapper;
    second.setConfig({});
    host.appendChild(second);
    await waitUntil(() => second.card !== undefined, 'not retried');
    expect(attempts).to.equal(2);
  });

  it('tries again when Home Assistant sends states again after a restart (no browser online event)', async () => {
    // Arrange: the code cannot load while HA is down; HA comes back later
    let haUp = false;
    let attempts = 0;
    const Lazy = lazyCardClass({
      ...specBase('vitals-restart-card'),
      load: async () => {
        attempts++;
        if (!haUp) throw new TypeError('Failed to fetch dynamically imported module');
        return class extends HTMLElement {
          setConfig(): void {}
        } as never;
      },
      serverAnswers: async () => haUp,
    });
    customElements.define('vitals-restart-card', Lazy);
    const card = document.createElement('vitals-restart-card') as Wrapper;
    card.setConfig({});
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.appendChild(card);
    await waitUntil(() => card.querySelector('[data-failure="offline"]') !== null, 'no offline state');
    const clock = { now: Date.now() + 6_000 };
    const realNow = Date.now;
    // Act: HA is back and delivers states (as after its restart), 6 s after the failed attempt
    haUp = true;
    Date.now = () => clock.now;
    try {
      card.hass = { connected: true, language: 'en' };
    } finally {
      Date.now = realNow;
    }
    // Assert
    await waitUntil(() => card.card !== undefined, 'not retried when states came back');
    expect(attempts).to.equal(2);
    expect(card.querySelector('[role="alert"]')).to.equal(null);
  });

  it('keeps the Reload prompt when a later attempt finds the server down (HA restarting after the upgrade)', async () => {
    // Arrange: the chunk is gone; the server answers at first, then restarts
    let serverUp = true;
    let attempts = 0;
    const Lazy = lazyCardClass({
      ...specBase('vitals-upgraded-restart-card'),
      load: async () => {
        attempts++;
        return chunkGone();
      },
      serverAnswers: async () => serverUp,
    });
    customElements.define('vitals-upgraded-restart-card', Lazy);
    const card = document.createElement('vitals-upgraded-restart-card') as Wrapper;
    card.setConfig({});
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.appendChild(card);
    await waitUntil(() => card.querySelector('[data-failure="updated"]') !== null, 'no updated prompt');
    // Act: HA restarts; the dashboard re-attaches the card (a new attempt) while it is down
    serverUp = false;
    card.remove();
    host.appendChild(card);
    await waitUntil(() => attempts === 2, 'no second attempt');
    await new Promise((r) => setTimeout(r, 50));
    // Assert
    expect(card.querySelectorAll('[role="alert"]').length).to.equal(1);
    expect(card.querySelector<HTMLElement>('[role="alert"]')!.dataset.failure).to.equal('updated');
    expect(card.querySelector('button')?.textContent).to.equal('Reload');
  });

  it('after an upgrade (the server answers, the old chunk is gone) says so and reloads on a tap', async () => {
    // Arrange
    let reloads = 0;
    const Lazy = lazyCardClass({
      ...specBase('vitals-upgraded-card'),
      load: chunkGone,
      serverAnswers: async () => true,
      reload: () => reloads++,
    });
    customElements.define('vitals-upgraded-card', Lazy);
    const card = document.createElement('vitals-upgraded-card') as Wrapper;
    card.setConfig({});
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Act
    host.appendChild(card);
    await waitUntil(() => card.querySelector('[role="alert"]') !== null, 'no visible failure');
    card.querySelector('button')!.click();
    // Assert
    expect(card.textContent).to.match(/HA Vitals was updated\. Reload the page/);
    expect(card.querySelector<HTMLElement>('[role="alert"]')!.dataset.failure).to.equal('updated');
    expect(reloads).to.equal(1);
  });

  it('asks the real server by default: an answer of any status counts as "updated"', async () => {
    // Arrange: the test server answers /manifest.json (with 404 here), so the code is gone, not the connection
    const Lazy = lazyCardClass({ ...specBase('vitals-probe-card'), load: chunkGone });
    customElements.define('vitals-probe-card', Lazy);
    const card = document.createElement('vitals-probe-card') as Wrapper;
    card.setConfig({});
    // Act
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.appendChild(card);
    // Assert
    await waitUntil(() => card.querySelector('[role="alert"]') !== null, 'no visible failure');
    expect(card.querySelector<HTMLElement>('[role="alert"]')!.dataset.failure).to.equal('updated');
  });
});
