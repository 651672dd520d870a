import { expect } from '@open-wc/testing';
import { previewRule, startRulePreview, type PreviewSeries } from '../../../src/core/replay/preview.js';
import { replaySeries } from '../../../src/core/replay/backtest.js';
import type { ReplaySeries } from '../../../src/core/replay/series.js';
import { parseAlertsConfig, type AlertRule, type AlertsConfig } from '../../../src/core/config/alerts.js';

const T0 = Date.UTC(2024, 4, 1);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function config(input: unknown): AlertsConfig {
  const r = parseAlertsConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function rule(input: Record<string, unknown>): AlertRule {
  return config([input]).rules[0];
}

interface Excursion {
  /** Offset from T0. */
  at: number;
  durationMs: number;
  value: number;
}

/** `hours` of samples every `intervalMs` at `base`, with excursions to other values. */
function series(hours: number, intervalMs: number, base: number, excursions: Excursion[] = []): PreviewSeries {
  const n = Math.round((hours * HOUR) / intervalMs);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = T0 + i * intervalMs;
    const offset = i * intervalMs;
    const hit = excursions.find((e) => offset >= e.at && offset < e.at + e.durationMs);
    v[i] = hit ? hit.value : base;
  }
  return { id: 'sensor.cpu', t, v };
}

describe('previewRule', () => {
  const interval = 10 * SECOND;
  const excursions = [1, 3, 5].map((h) => ({ at: h * HOUR, durationMs: 10 * MINUTE, value: 95 }));
  const data = series(8, interval, 50, excursions);
  const hot = (extra: Record<string, unknown> = {}) =>
    rule({ name: 'hot', type: 'threshold', above: 90, for: '5m', notify: ['notify.phone', { service: 'notify.boss', after: '10m', name: 'boss' }], ...extra });

  it('counts each excursion that outlasts `for` once, with its pending and firing spans', () => {
    // Arrange: 3 excursions of 10 min above 90; `for: 5m` → each fires 5 min after it starts and resolves when it ends.
    // Act
    const preview = previewRule(hot(), data);
    // Assert
    expect(preview.rule).to.equal('hot');
    expect(preview.seriesId).to.equal('sensor.cpu');
    expect(preview.samples).to.equal(data.t.length);
    expect(preview.from).to.equal(data.t[0]);
    expect(preview.to).to.equal(data.t[data.t.length - 1]);
    expect(preview.firings).to.equal(excursions.length);
    expect(preview.pendings).to.equal(excursions.length);
    const expectedSpans = excursions.flatMap((e) => [
      { state: 'pending', start: T0 + e.at, end: T0 + e.at + 5 * MINUTE },
      { state: 'firing', start: T0 + e.at + 5 * MINUTE, end: T0 + e.at + e.durationMs },
    ]);
    expect(preview.spans).to.deep.equal(expectedSpans);
    expect(preview.longestFiringMs).to.be.within(5 * MINUTE - interval, 5 * MINUTE + interval);
    expect(preview.totalFiringMs).to.be.within(3 * (5 * MINUTE - interval), 3 * (5 * MINUTE + interval));
  });

  it('counts the notifications each tier would have received: a tier after 10 min never hears of 5 min firings', () => {
    // Arrange: firing lasts 5 min per excursion, hours apart (beyond throttle and group_interval).
    // Act
    const preview = previewRule(hot(), data);
    // Assert
    expect(preview.byTier).to.deep.equal([
      { channel: 'tier0', services: ['notify.phone'], count: excursions.length },
      { channel: 'boss', services: ['notify.boss'], count: 0 },
    ]);
    expect(preview.notifications).to.equal(excursions.length);
    // notify.* tiers get the resolved message; only tier0 was reached.
    expect(preview.resolvedMessages).to.equal(excursions.length);
  });

  it('escalates to a later tier when the firing outlasts its `after`', () => {
    // Arrange: 2 excursions of 25 min; firing lasts 20 min, beyond the boss tier's 10 min.
    const long = [1, 4].map((h) => ({ at: h * HOUR, durationMs: 25 * MINUTE, value: 95 }));
    // Act
    const preview = previewRule(hot(), series(8, interval, 50, long));
    // Assert
    expect(preview.firings).to.equal(long.length);
    expect(preview.byTier.map((t) => t.count)).to.deep.equal([long.length, long.length]);
    expect(preview.notifications).to.equal(2 * long.length);
    // Both tiers were reached, and both are notify.*: each gets the resolved message.
    expect(preview.resolvedMessages).to.equal(2 * long.length);
  });

  it('sends nothing for firings shorter than group_wait', () => {
    // Arrange: firing lasts 5 min, group_wait 10 min: resolved before the group is flushed.
    // Act
    const preview = previewRule(hot({ group_wait: '10m' }), data);
    // Assert
    expect(preview.firings).to.equal(excursions.length);
    expect(preview.notifications).to.equal(0);
    expect(preview.resolvedMessages).to.equal(0);
    expect(preview.byTier.map((t) => t.count)).to.deep.equal([0, 0]);
  });

  it('repeats a still-firing alert every repeat_interval after the first notice', () => {
    // Arrange: one excursion; firing lasts 2 h 45 min. First notice at firing + group_wait (30 s),
    // repeats 1 h and 2 h after it; a third would fall after the end.
    const groupWait = 30 * SECOND;
    const firingMs = 2 * HOUR + 45 * MINUTE;
    const one = [{ at: HOUR, durationMs: 5 * MINUTE + firingMs, value: 95 }];
    const expectedRepeats = Math.floor((firingMs - groupWait) / HOUR);
    // Act
    const preview = previewRule(hot({ notify: 'notify.phone', repeat_interval: '1h' }), series(6, interval, 50, one));
    // Assert
    expect(expectedRepeats).to.equal(2);
    expect(preview.firings).to.equal(1);
    expect(preview.notifications).to.equal(1 + expectedRepeats);
    expect(preview.byTier).to.deep.equal([{ channel: 'tier0', services: ['notify.phone'], count: 1 + expectedRepeats }]);
  });

  it('holds back firings within the throttle of the last notice', () => {
    // Arrange: 3 excursions 20 min apart (10 min above 90, 10 min below); throttle 1 h.
    // Episode 1 notifies; episodes 2 and 3 start within the hour and are throttled; one summary
    // goes out when the throttle ends (1 h after the first notice, inside the data).
    const close = [0, 1, 2].map((k) => ({ at: HOUR + k * 20 * MINUTE, durationMs: 10 * MINUTE, value: 95 }));
    // Act
    const preview = previewRule(hot({ notify: 'notify.phone', throttle: '1h' }), series(4, interval, 50, close));
    // Assert
    expect(preview.firings).to.equal(close.length);
    expect(preview.notifications).to.equal(2);
  });

  it('keeps a span open at the end of the data and counts it up to `to`', () => {
    // Arrange: the last excursion runs past the end of the data.
    const open = [{ at: 7 * HOUR, durationMs: 2 * HOUR, value: 95 }];
    const s = series(8, interval, 50, open);
    // Act
    const preview = previewRule(hot(), s);
    // Assert
    const last = preview.spans[preview.spans.length - 1];
    expect(last.state).to.equal('firing');
    expect(last.end).to.equal(undefined);
    expect(last.start).to.equal(T0 + 7 * HOUR + 5 * MINUTE);
    expect(preview.longestFiringMs).to.equal(preview.to - last.start);
    expect(preview.totalFiringMs).to.equal(preview.to - last.start);
  });

  it('previews only the samples between from and to', () => {
    // Arrange: a range around the second excursion only.
    const from = T0 + 2 * HOUR;
    const to = T0 + 4 * HOUR;
    const inRange = [...data.t].filter((t) => t >= from && t <= to).length;
    // Act
    const preview = previewRule(hot(), data, { from, to });
    // Assert
    expect(preview.samples).to.equal(inRange);
    expect(preview.from).to.equal(from);
    expect(preview.to).to.equal(to);
    expect(preview.firings).to.equal(1);
    expect(preview.spans[0].start).to.equal(T0 + 3 * HOUR);
  });

  it('accepts plain arrays as well as typed arrays', () => {
    const plain: PreviewSeries = { id: data.id, t: [...data.t], v: [...data.v] };
    expect(previewRule(hot(), plain, { from: T0 + HOUR })).to.deep.equal(previewRule(hot(), data, { from: T0 + HOUR }));
  });

  it('does not count services the allow-list refuses', () => {
    // Arrange: a siren tier, allowed by the section.
    const siren = config({ allow_services: ['siren.*'], rules: [{ name: 'hot', type: 'threshold', above: 90, for: '5m', notify: ['notify.phone', 'siren.turn_on'] }] }).rules[0];
    // Act
    const refused = previewRule(siren, data);
    const allowed = previewRule(siren, data, { allowServices: ['siren.*'] });
    // Assert
    expect(refused.byTier.map((t) => t.count)).to.deep.equal([excursions.length, 0]);
    expect(allowed.byTier.map((t) => t.count)).to.deep.equal([excursions.length, excursions.length]);
    expect(allowed.notifications).to.equal(2 * excursions.length);
  });

  it('previews an empty series', () => {
    const preview = previewRule(hot(), { id: 'sensor.none', t: [], v: [] });
    expect(preview).to.include({ samples: 0, firings: 0, pendings: 0, notifications: 0, resolvedMessages: 0, longestFiringMs: 0, totalFiringMs: 0 });
    expect(preview.spans).to.deep.equal([]);
    expect(preview.byTier.map((t) => t.count)).to.deep.equal([0, 0]);
  });
});

describe('startRulePreview', () => {
  it('gives the same result in slices of 1000 samples as in one run, with progress rising to 1', () => {
    // Arrange: a day of 10 s samples (8,640) with several excursions and a rule that notifies.
    const data = series(24, 10 * SECOND, 50, [2, 7, 13, 20].map((h) => ({ at: h * HOUR, durationMs: 40 * MINUTE, value: 95 })));
    const r = rule({ name: 'hot', type: 'threshold', above: 90, for: '5m', repeat_interval: '10m', notify: ['notify.phone', { service: 'notify.boss', after: '20m' }] });
    const run = startRulePreview(r, data);
    const progress: number[] = [run.progress];
    // Act
    let steps = 0;
    while (!run.step(1000)) {
      steps++;
      progress.push(run.progress);
      expect(() => run.result()).to.throw(/before step\(\) returned true/);
    }
    progress.push(run.progress);
    // Assert
    expect(steps).to.equal(Math.ceil(data.t.length / 1000) - 1);
    expect(progress[0]).to.equal(0);
    expect(progress[progress.length - 1]).to.equal(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).to.be.greaterThan(progress[i - 1]);
    const whole = previewRule(r, data);
    expect(whole.firings).to.equal(4);
    expect(whole.byTier[1].count).to.equal(4);
    expect(run.result()).to.deep.equal(whole);
    expect(run.step(1000)).to.equal(true);
  });
});

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/**
 * A messy day and a half of a sensor: noise around a daily wave, level excursions, lone spikes,
 * a slow ramp, runs of unavailable states and silences (gaps in the timestamps).
 */
function generated(seed: number): ReplaySeries {
  const next = random(seed);
  const t: number[] = [];
  const v: number[] = [];
  let time = T0;
  for (let i = 0; i < 4000; i++) {
    time += 30 * SECOND;
    if (next() < 0.002) time += 20 * MINUTE + next() * 60 * MINUTE; // silence
    const phase = (time - T0) / HOUR;
    let value = 50 + 10 * Math.sin((phase / 24) * 2 * Math.PI) + (next() - 0.5) * 4;
    if (Math.floor(phase) % 7 === 3) value += 40; // an hour-long excursion every 7 h
    if (next() < 0.003) value += 60 * (next() < 0.5 ? 1 : -1); // spike
    if (phase > 30) value += (phase - 30) * 15; // a ramp at the end
    if (next() < 0.01) {
      // 2 to 20 samples unavailable
      const run = 2 + Math.floor(next() * 18);
      for (let k = 0; k < run; k++, time += 30 * SECOND, i++) {
        t.push(time);
        v.push(Number.NaN);
      }
    }
    t.push(time);
    v.push(value);
  }
  return { file: `gen-${seed}.csv`, id: 'sensor.generated', t: Float64Array.from(t), v: Float64Array.from(v), rawT: [] };
}

describe('preview firings equal the replay CLI', () => {
  const section = config([
    { name: 'hot', type: 'threshold', above: 85, recover_below: 80, for: '5m', throttle: '1h', group_wait: '2m' },
    { name: 'cold', type: 'threshold', below: 41, m_of_n: '2/3', for: '1m', flap_threshold: 2, flap_window: '30m' },
    { name: 'rising', type: 'trend', min_gradient: 0.003, window: '30m', for: '2m', notify: ['notify.a', { service: 'notify.b', after: '15m' }] },
    { name: 'forecast', type: 'trend', limit: 200, horizon: '2h', window: '1h', keep_firing_for: '10m' },
    { name: 'odd', type: 'anomaly', sensitivity: 'high', repeat_interval: '1m' },
    { name: 'odd_low', type: 'anomaly', sensitivity: 'low' },
    { name: 'silent', type: 'nodata', max_age: '15m' },
    { name: 'learned_silence', type: 'nodata' },
    { name: 'unavailable', type: 'nodata', when: 'unavailable', for: '2m' },
  ]);

  // "The same rule": the CLI given a rules file with just that rule. (Run alongside a no-data rule,
  // a trend rule can count differently in the CLI: the no-data rule makes replay evaluate inside
  // gaps, which ticks the trend detector too.)
  const alone = (r: AlertRule): AlertsConfig => ({ ...section, rules: [r] });

  for (const seed of [1, 42, 4242]) {
    it(`on generated series ${seed}, for every rule type`, () => {
      // Arrange
      const data = generated(seed);
      let fired = 0;
      for (const r of section.rules) {
        const expected = replaySeries(data, alone(r)).events.filter((e) => e.event === 'firing').length;
        fired += expected > 0 ? 1 : 0;
        // Act
        const preview = previewRule(r, data);
        // Assert
        expect(preview.firings, r.name).to.equal(expected);
        expect(preview.spans.filter((s) => s.state === 'firing').length, r.name).to.equal(expected);
      }
      // The data must make most rules fire, or the comparison proves little.
      expect(fired).to.be.greaterThan(section.rules.length / 2);
    });
  }

  it('equals the CLI running all the rules together for rules judged on samples alone (threshold, anomaly)', () => {
    // Arrange
    const data = generated(42);
    const { events } = replaySeries(data, section);
    for (const r of section.rules.filter((r) => r.type === 'threshold' || r.type === 'anomaly')) {
      // Act
      const preview = previewRule(r, data);
      // Assert
      expect(preview.firings, r.name).to.equal(events.filter((e) => e.rule === r.name && e.event === 'firing').length);
    }
  });

  it('also on a slice of the data (from/to), against the CLI given the same slice', () => {
    // Arrange
    const data = generated(7);
    const from = data.t[1000];
    const to = data.t[3000];
    const slice: ReplaySeries = { ...data, t: data.t.slice(1000, 3001), v: data.v.slice(1000, 3001) };
    for (const r of section.rules) {
      const expected = replaySeries(slice, alone(r)).events.filter((e) => e.event === 'firing').length;
      // Act
      const preview = previewRule(r, data, { from, to });
      // Assert
      expect(preview.firings, r.name).to.equal(expected);
    }
  });
});
