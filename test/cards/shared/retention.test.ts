/**
 * The `retention:` key every card accepts (src/cards/shared/retention.ts, docs/retention.md):
 * validated with errors that name the key, kept by each visual editor as written, and handed to
 * the store as plain numbers while the card is attached.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { RETENTION_DEFAULTS, RETENTION_LIMITS, retentionRequestOf } from '../../../src/cards/shared/retention';
import { VitalsCardBase } from '../../../src/cards/shared/card-base';
import { parseAiCardConfig } from '../../../src/cards/ai/config';
import { parseAlertsCardConfig } from '../../../src/cards/alerts/config';
import { parseHistoryCardConfig } from '../../../src/cards/history/config';
import { parseMetricCardConfig } from '../../../src/cards/metric/config';
import { parseOverviewCardConfig } from '../../../src/cards/overview/config';
import { parseSystemCardConfig } from '../../../src/cards/system/config';
import { parseUxCardConfig } from '../../../src/cards/ux/config';
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, MIB } from '../../../src/ha/retention';
import { storeFor, type VitalsStore } from '../../../src/ha/store';
import { FakeConnection, fakeHass } from '../../helpers/fake-connection';
import '../../../src/cards/ai/editor';
import '../../../src/cards/alerts/editor';
import '../../../src/cards/history/editor';
import '../../../src/cards/metric/editor';
import '../../../src/cards/overview/editor';
import '../../../src/cards/system/editor';
import '../../../src/cards/ux/editor';

type Config = Record<string, unknown>;

/** Every card: its minimal config and its parser (what setConfig and the lazy card call). */
const CARDS: [string, Config, (input: unknown) => Config][] = [
  ['vitals-metric-card', { entity: 'sensor.cpu' }, parseMetricCardConfig],
  ['vitals-history-card', { entities: ['sensor.cpu'] }, parseHistoryCardConfig],
  ['vitals-system-card', { entities: { cpu: 'sensor.cpu' } }, parseSystemCardConfig],
  ['vitals-ux-card', {}, parseUxCardConfig],
  ['vitals-ai-card', {}, parseAiCardConfig],
  ['vitals-alerts-card', {}, parseAlertsCardConfig],
  ['vitals-overview-card', {}, parseOverviewCardConfig],
];

describe('retention: the key every card accepts', () => {
  for (const [card, minimal, parse] of CARDS) {
    it(`${card}: accepts retention, durations in ms, and nothing when it is left out`, () => {
      // Arrange
      const config = { type: `custom:${card}`, ...minimal, retention: { cache_size_mb: 50, cache_days: 14, live_window: '2h' } };
      // Act
      const parsed = parse(config);
      const without = parse({ type: `custom:${card}`, ...minimal });
      // Assert
      expect(parsed.retention).to.deep.equal({ cache_size_mb: 50, cache_days: 14, live_window: 2 * HOUR_MS });
      expect(without.retention).to.equal(undefined);
    });

    it(`${card}: names the key of a bad retention value`, () => {
      // Arrange
      const bad = (retention: unknown) => () => parse({ type: `custom:${card}`, ...minimal, retention });
      // Act + Assert
      expect(bad({ cache_days: 0 })).to.throw(`${card}: retention.cache_days: expected a number from 1 to 30, got 0`);
      expect(bad({ cache_size_mb: 500 })).to.throw(`${card}: retention.cache_size_mb: expected a number from 0 to 200, got 500`);
      expect(bad({ live_window: '10m' })).to.throw(`${card}: retention.live_window: expected a duration from "1h" to "7d"`);
      expect(bad({ live_window: 'soon' })).to.throw(`${card}: retention.live_window: expected a duration like "30s", got "soon"`);
      expect(bad({ cache_day: 3 })).to.throw(`${card}: retention.cache_day: unknown key; did you mean "cache_days"?`);
      expect(bad('7d')).to.throw(`${card}: retention: expected a mapping, got "7d"`);
    });
  }

  it('refuses hostile values with an Error that names the key, never a TypeError', () => {
    // Arrange
    const hostile: unknown[] = [null, [], 'x', -1, 1e308, Number.NaN, Infinity, '', {}, { constructor: 1 }, JSON.parse('{"__proto__": {"cache_days": 5}}')];
    const values: unknown[] = [...hostile, ...hostile.map((v) => ({ cache_size_mb: v })), ...hostile.map((v) => ({ cache_days: v })), ...hostile.map((v) => ({ live_window: v }))];
    // Act
    const outcomes = values.map((retention) => {
      try {
        parseMetricCardConfig({ entity: 'sensor.cpu', retention });
        return 'accepted';
      } catch (err) {
        return err instanceof TypeError || err instanceof RangeError ? `crash: ${String(err)}` : (err as Error).message;
      }
    });
    // Assert: an empty mapping and {} pass; everything else is refused at retention or one of its keys.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome === 'accepted') expect(values[i], 'only an empty retention is accepted here').to.deep.equal({});
      else expect(outcome, JSON.stringify(values[i])).to.match(/^vitals-metric-card: retention(\.(cache_size_mb|cache_days|live_window|constructor|__proto__))?: /);
    }
  });

  it('documents defaults and limits that agree with what the store keeps', () => {
    // Assert: the defaults, as a user writes them, are the store's plain numbers.
    expect(RETENTION_DEFAULTS).to.deep.equal({ cache_size_mb: 20, cache_days: 10, live_window: '1h' });
    expect(retentionRequestOf(parseMetricCardConfig({ entity: 'sensor.cpu', retention: RETENTION_DEFAULTS }).retention)).to.deep.equal(DEFAULT_RETENTION);
    // The limits include the defaults.
    expect(RETENTION_DEFAULTS.cache_size_mb).to.be.within(RETENTION_LIMITS.cache_size_mb.min, RETENTION_LIMITS.cache_size_mb.max);
    expect(RETENTION_DEFAULTS.cache_days).to.be.within(RETENTION_LIMITS.cache_days.min, RETENTION_LIMITS.cache_days.max);
  });

  it('turns a parsed retention into the store’s plain numbers, only for the keys written', () => {
    // Act
    const request = retentionRequestOf({ cache_size_mb: 1.5, live_window: 3 * HOUR_MS });
    // Assert
    expect(request).to.deep.equal({ cacheBytes: 1.5 * MIB, liveWindowMs: 3 * HOUR_MS });
    expect(retentionRequestOf({ cache_days: 2 })).to.deep.equal({ cacheAgeMs: 2 * DAY_MS });
    expect(retentionRequestOf(undefined)).to.equal(undefined);
  });
});

interface EditorLike extends HTMLElement {
  setConfig(config: Config): void;
  readonly updateComplete: Promise<boolean>;
}

describe('retention in the visual editors', () => {
  for (const [card, minimal] of CARDS) {
    it(`${card}: a change in the form keeps retention as written`, async () => {
      // Arrange
      const retention = { cache_days: 14, live_window: '2h' };
      const editor = (await fixture(html`<div></div>`)).appendChild(document.createElement(`${card}-editor`)) as EditorLike;
      editor.setConfig({ type: `custom:${card}`, ...minimal, retention });
      await editor.updateComplete;
      const form = editor.shadowRoot!.querySelector('ha-form') as HTMLElement & { data: Config };
      // Act: the user changes the title (or, without one, nothing) in the form.
      const fired = oneEvent(editor, 'config-changed');
      form.dispatchEvent(new CustomEvent('value-changed', { detail: { value: { ...form.data, title: 'Changed' } } }));
      const config = ((await fired) as CustomEvent<{ config: Config }>).detail.config;
      // Assert
      expect(config.retention).to.deep.equal(retention);
    });
  }
});

class RetentionProbeCard extends VitalsCardBase<{ retention?: ReturnType<typeof parseMetricCardConfig>['retention'] }> {
  setConfig(config: unknown): void {
    this._config = parseMetricCardConfig(config);
    this.attach();
  }
  protected override start(_config: object, _store: VitalsStore): void {}
}
customElements.define('vitals-retention-probe-card', RetentionProbeCard);

describe('retention reaches the store', () => {
  it('asks the store while attached, follows config changes, and withdraws when detached', async () => {
    // Arrange
    const connection = new FakeConnection();
    const store = storeFor(connection as never);
    const card = (await fixture(html`<vitals-retention-probe-card></vitals-retention-probe-card>`)) as RetentionProbeCard;
    card.hass = fakeHass(connection);
    // Act
    card.setConfig({ entity: 'sensor.cpu', retention: { live_window: '6h', cache_days: 3 } });
    const attached = store.retention;
    card.setConfig({ entity: 'sensor.cpu', retention: { live_window: '2h' } });
    const changed = store.retention;
    card.remove();
    // Assert
    expect(attached).to.deep.equal({ ...DEFAULT_RETENTION, liveWindowMs: 6 * HOUR_MS, cacheAgeMs: 3 * DAY_MS });
    expect(changed).to.deep.equal({ ...DEFAULT_RETENTION, liveWindowMs: 2 * HOUR_MS });
    expect(store.retention).to.deep.equal(DEFAULT_RETENTION);
  });
});
