import { expect, fixture, html } from '@open-wc/testing';
import { TimeSeries } from '../../../src/core/series/time-series';
import { AnomalyTracker } from '../../../src/cards/shared/anomalies';
import { forecastSeries, severityOf } from '../../../src/cards/shared/forecast';
import { THEME_FALLBACKS, readTheme, seriesColor, withAlpha } from '../../../src/cards/shared/theme';
import { asList, compact, entityIdOf, pickedEntries, withFields } from '../../../src/cards/shared/editor';

const H = 3_600_000;
const D = 24 * H;

function shifted(n: number, shiftAt: number, start = 0) {
  const s = new TimeSeries({ capacity: 10_000, maxAgeMs: Infinity });
  let seed = 3;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    s.append(start + i * 1000, (i >= shiftAt ? 50 : 10) + (seed / 2147483648) * 2);
  }
  return s;
}

describe('cards/shared', () => {
  it('forecast: time to the limit from a linear trend, as a step function up to now', () => {
    const s = new TimeSeries({ maxAgeMs: Infinity });
    const now = 10 * D;
    for (let i = 0; i <= 24; i++) s.append(now - D + i * H, 50 + i); // +1/h, 74 at now
    const f = forecastSeries(s, { windowMs: D, limit: 90, now });
    expect(f.warmingUp).to.equal(false);
    expect(f.spanMs).to.equal(D);
    expect(f.slopePerMs * H).to.be.closeTo(1, 0.05);
    expect(f.fitted(now)).to.be.closeTo(74, 1);
    expect(f.timeToLimitMs! / H).to.be.closeTo(16, 1);
    // No limit, or moving away: no time to limit.
    expect(forecastSeries(s, { windowMs: D, now }).timeToLimitMs).to.equal(undefined);
    expect(forecastSeries(s, { windowMs: D, limit: 10, now }).timeToLimitMs).to.equal(undefined);
  });

  it('forecast: warming up without data, with too short a span, or when now precedes the data', () => {
    expect(forecastSeries(undefined, { windowMs: D, now: 0 }).warmingUp).to.equal(true);
    const s = new TimeSeries({ maxAgeMs: Infinity });
    expect(forecastSeries(s, { windowMs: D, now: 0 }).warmingUp).to.equal(true);
    s.append(D - 60_000, 1);
    s.append(D - 30_000, 2);
    expect(forecastSeries(s, { windowMs: D, now: D }).warmingUp).to.equal(true);
    expect(forecastSeries(s, { windowMs: D, now: D }).spanMs).to.equal(0);
    expect(forecastSeries(s, { windowMs: D, now: D, minCoverage: 0 }).spanMs).to.equal(60_000);
    expect(forecastSeries(s, { windowMs: D, now: D - 120_000 }).warmingUp).to.equal(true);
    expect(Number.isNaN(forecastSeries(s, { windowMs: D, now: D }).fitted(0))).to.equal(true);
  });

  it('severity: error under a day, warning under a week', () => {
    expect(severityOf(undefined)).to.equal('ok');
    expect(severityOf(12 * H)).to.equal('error');
    expect(severityOf(3 * D)).to.equal('warning');
    expect(severityOf(30 * D)).to.equal('ok');
  });

  it('anomaly tracker: marks the onset of a level shift once, incrementally', () => {
    const s = shifted(400, 300);
    const tracker = new AnomalyTracker();
    const first = tracker.update(s).map((m) => m.t);
    expect(first).to.have.length(1);
    expect(first[0]).to.be.within(300_000, 302_000); // confirmed on the 2nd or 3rd shifted sample
    // New samples are fed incrementally; the marker stays single.
    for (let i = 400; i < 450; i++) s.append(i * 1000, 50.5);
    expect(tracker.update(s)).to.have.length(1);
  });

  it('anomaly tracker: marks a strong short episode and a level shift, never a lone outlier', () => {
    // Arrange: a steady series with a lone outlier, a 3-sample blip (3 s), then a lasting level shift
    const s = new TimeSeries({ capacity: 10_000, maxAgeMs: Infinity });
    let seed = 7;
    for (let i = 0; i < 900; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const noise = (seed / 2147483648) * 2;
      s.append(i * 1000, (i === 250 || (i >= 400 && i < 403) ? 60 : i >= 700 ? 50 : 10) + noise);
    }
    // Act
    const markers = new AnomalyTracker().update(s).map((m) => m.t);
    // Assert: the blip is confirmed by evidence (no fixed `for` outlasts it); the lone outlier is not
    expect(markers).to.have.length(2);
    expect(markers[0]).to.be.within(400_000, 404_000);
    expect(markers[1]).to.be.within(700_000, 712_000); // the level shift, confirmed within a dozen samples
  });

  it('anomaly tracker: with a time budget, judges a long history over several updates with the same result', () => {
    // Arrange
    const s = shifted(5000, 4000);
    const whole = new AnomalyTracker().update(s).map((m) => m.t);
    const sliced = new AnomalyTracker();
    // Act: no time at all per update: one block of samples each
    let updates = 0;
    let markers: readonly { t: number }[] = [];
    do {
      markers = sliced.update(s, 0);
      updates++;
    } while (sliced.pending && updates < 100);
    // Assert
    expect(updates).to.be.at.least(4);
    expect(sliced.pending).to.equal(false);
    expect(markers.map((m) => m.t)).to.deep.equal(whole);
  });

  it('anomaly tracker: recomputes when older data arrives or samples are inserted, drops trimmed markers', () => {
    const tracker = new AnomalyTracker();
    const late = shifted(400, 300, 200_000);
    // Only the newest part first.
    const partial = new TimeSeries({ capacity: 10_000, maxAgeMs: Infinity });
    late.forEachInRange(500_000, Infinity, (t, v) => partial.append(t, v));
    tracker.update(partial);
    // Older data merged in front: recomputed from the start.
    late.forEachInRange(-Infinity, 499_000, (t, v) => partial.append(t, v));
    const merged = tracker.update(partial).map((m) => m.t);
    expect(merged).to.have.length(1);
    expect(merged[0]).to.be.within(500_000, 502_000);
    // A sample inserted in the middle: recomputed, same answer.
    partial.append(300_500, 10.5);
    expect(tracker.update(partial).map((m) => m.t)).to.deep.equal(merged);
    // Trimmed history: the marker goes with its sample.
    const small = new TimeSeries({ capacity: 450, maxAgeMs: Infinity });
    shifted(400, 300).forEachInRange(-Infinity, Infinity, (t, v) => small.append(t, v));
    const t2 = new AnomalyTracker();
    expect(t2.update(small)).to.have.length(1);
    for (let i = 400; i < 800; i++) small.append(i * 1000, 50.5);
    expect(t2.update(small)).to.have.length(0);
    expect(t2.update(new TimeSeries())).to.have.length(0);
  });

  it('theme: reads CSS variables with fallbacks, palette and alpha', async () => {
    const el = await fixture<HTMLDivElement>(html`<div style="--primary-color: #112233; --error-color: rgb(1, 2, 3)"></div>`);
    const theme = readTheme(el);
    expect(theme.primary).to.equal('#112233');
    expect(theme.error).to.equal('rgb(1, 2, 3)');
    expect(theme.warning).to.equal(THEME_FALLBACKS.warning);
    expect(seriesColor(theme, 0)).to.equal('#112233');
    expect(seriesColor(theme, 1)).to.equal(theme.accent);
    expect(seriesColor(theme, 2)).to.match(/^#/);
    expect(withAlpha('#112233', 0.5)).to.equal('rgba(17, 34, 51, 0.5)');
    expect(withAlpha('#fff', 0.2)).to.equal('rgba(255, 255, 255, 0.2)');
    expect(withAlpha('rgb(1, 2, 3)', 0.1)).to.equal('rgba(1, 2, 3, 0.1)');
    expect(withAlpha('red', 0.1)).to.equal('red');
  });

  it('editor helper: compact drops empty values', () => {
    expect(compact({ a: 1, b: '', c: undefined, d: null, e: false })).to.deep.equal({ a: 1, e: false });
  });

  it('editor helper: withFields writes the form keys, removes cleared ones, keeps what the form does not show', () => {
    // Arrange
    const previous = { type: 'custom:x', title: 'Old', entities: ['sensor.a'], thresholds: [{ value: 1 }] };
    // Act
    const next = withFields(previous, { title: '', entities: [], max_items: 5, hidden: 'not a form key' }, ['title', 'entities', 'max_items']);
    // Assert
    expect(next).to.deep.equal({ type: 'custom:x', thresholds: [{ value: 1 }], max_items: 5 });
    expect(previous.title).to.equal('Old');
  });

  it('editor helper: one item or a list as a list; picked entities keep their written entries in the picked order', () => {
    // Arrange
    const previous = ['sensor.a', { entity: 'sensor.b', name: 'B' }];
    // Act
    const picked = pickedEntries(['sensor.c', 'sensor.b', '', 7], previous, entityIdOf);
    // Assert
    expect(picked).to.deep.equal(['sensor.c', { entity: 'sensor.b', name: 'B' }]);
    expect(asList('sensor.a')).to.deep.equal(['sensor.a']);
    expect(asList(['sensor.a', 'sensor.b'])).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(asList(undefined)).to.deep.equal([]);
    expect(asList('')).to.deep.equal([]);
  });
});
