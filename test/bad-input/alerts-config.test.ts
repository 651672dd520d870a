/**
 * Bad input, part 2: the `alerts:` section (all four rule types, tiers, inhibit, allow_services)
 * through parseAlertsConfig. Every refusal names a path that exists in the input; every accepted
 * section runs an AlertEngine on hostile samples (NaN, ±Infinity, 1e308, 3.4e38, timestamps far
 * in the future and past): evaluate() never throws, never takes 1 s, and no notification text
 * shows "NaN" or "Infinity".
 */
import { expect } from '@open-wc/testing';
import { parseAlertsConfig, type AlertsConfig } from '../../src/core/config/alerts';
import { AlertEngine } from '../../src/core/alerts/engine';
import { ManualClock } from '../../src/core/types';
import { combinedMutations, fmt, mulberry32, mutationsOf, pathExists, related, type Mutation } from '../helpers/bad-input';

const LIST_FORM = [
  {
    name: 'cpu_high',
    type: 'threshold',
    entity: ['sensor.cpu', 'sensor.cpu2'],
    above: 90,
    recover_below: 85,
    m_of_n: '3/5',
    for: '1m',
    keep_firing_for: '30s',
    severity: 'critical',
    labels: { team: 'ops' },
    message: '{name} on {entity}: {value} ({reason}, {severity})',
    notify: ['notify.mobile_app_phone', { service: 'notify.all_phones', after: '10m', data: { priority: 'high' }, send_resolved: true, name: 'escalate' }],
    group_by: ['alertname', 'entity'],
    group_wait: '0s',
    group_interval: '5m',
    repeat_interval: '4h',
    throttle: '5m',
    flap_threshold: 6,
    flap_window: '10m',
  },
  { name: 'battery_low', type: 'threshold', below: 10, recover_above: 15, m_of_n: [2, 3], group_wait: '10s' },
  { name: 'disk_fill', type: 'trend', entity: 'sensor.disk', window: '1h', min_gradient: 0.01, direction: 'up', limit: 95, horizon: '24h', min_samples: 5 },
  { name: 'anomaly', type: 'anomaly', sensitivity: 'high', input: 'value', for: '30s' },
  { name: 'no_data', type: 'nodata', when: 'silent', max_age: '15m', enabled: true },
];

const MAPPING_FORM = {
  allow_services: ['siren.*', 'lock.lock'],
  reconnect_grace: '2m',
  inhibit: [{ source_severity: 'critical', target_severity: ['warning', 'info'], equal: ['entity'] }],
  rules: [
    { name: 'cpu', type: 'threshold', above: 90, severity: 'critical', notify: [{ service: 'siren.turn_on', data: { volume: 1 } }, 'persistent_notification.create'] },
    { name: 'cpu_warn', type: 'threshold', above: 80, severity: 'warning', group_by: 'entity' },
    { name: 'unavailable', type: 'nodata', when: 'unavailable', for: '5m', severity: 'info' },
  ],
};

/**
 * Known bugs, reported and left out of the loops (each has an `it.skip` below):
 * - 10,000 rules take over 1 s to validate under coverage (see card-configs.test.ts);
 * - a rule with 10,000 notify tiers is accepted, and each evaluate() then takes 0.1–0.5 s plain,
 *   over 3 s under coverage, planning one intent per distinct service (10,000 service calls).
 */
const KNOWN_SLOW = /^(\(root\)|rules) ← 10,000-item list$|notify ← 10,000-item list$/;
/**
 * Was a bug: names, messages, tier names and labels over 10,000 characters were accepted by the
 * config, and the engine's own saved state then held them and its load() refused that state. The
 * config now bounds every text (see LIMITS in src/core/config/alerts.ts).
 */
const KNOWN_ROUND_TRIP = /expected at most 10000 characters/;
/**
 * Was a bug: a rule name (message, label) of 1 MiB was accepted, and every intent id then hashed it
 * byte by byte. Accepted sections holding text this long are counted (there should be none).
 */
const LONG_TEXT = 10_000;
const hasLongText = (config: AlertsConfig) => userTexts(config).some((s) => s.length > LONG_TEXT);
const COMBINED = 1200;
const LIMIT_MS = 1000;
const T0 = Date.UTC(2026, 0, 15, 12);

/** Values a sensor (or a broken integration) can send. */
const HOSTILE_VALUES = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 3.4e38, -3.4e38, -0, 5e-324, 1e15, 95, 5];
/** Timestamps far from now. */
const HOSTILE_TIMES = [0, -1e12, 1, T0 + 1e12, 8.64e15, Number.MAX_SAFE_INTEGER, T0 - 86_400_000 * 400];

/** ~300 samples: a wave around 50 with hostile values and times mixed in, the same every run. */
function samples(seed: number): [number, number][] {
  const rand = mulberry32(seed);
  const out: [number, number][] = [];
  for (let i = 0; i < 300; i++) {
    let t = T0 + i * 10_000;
    let v = 50 + 45 * Math.sin(i / 9) + rand() * 10;
    if (rand() < 0.15) v = HOSTILE_VALUES[Math.floor(rand() * HOSTILE_VALUES.length)];
    if (rand() < 0.05) t = HOSTILE_TIMES[Math.floor(rand() * HOSTILE_TIMES.length)];
    out.push([t, v]);
  }
  return out;
}
const SAMPLES = samples(42);

/** Every text a user wrote into the section (rule names, labels, messages): may say "NaN" legitimately. */
function userTexts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 3) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => userTexts(v, out));
  else if (value && typeof value === 'object') for (const k of Object.keys(value)) userTexts((value as Record<string, unknown>)[k], out);
  return out;
}

interface EngineRun {
  evaluations: number;
  slowestMs: number;
  intents: number;
  problems: string[];
  /** toJSON() → fromJSON() refused the engine's own state for the known reason. */
  roundTripRefused: boolean;
}

function runEngine(config: AlertsConfig): EngineRun {
  const clock = new ManualClock(T0);
  const engine = new AlertEngine({ config, clock });
  const series = [...new Set([...config.rules.flatMap((r) => r.entity.slice(0, 2)), 'sensor.cpu', 'sensor.other'])].slice(0, 6);
  const allowed = userTexts(config).sort((a, b) => b.length - a.length);
  const run: EngineRun = { evaluations: 0, slowestMs: 0, intents: 0, problems: [], roundTripRefused: false };
  const evaluate = (now: number) => {
    clock.set(now);
    const start = performance.now();
    try {
      const { intents } = engine.evaluate(now);
      run.intents += intents.length;
      for (const intent of intents) {
        let text = `${intent.title}\n${intent.message}`;
        for (const s of allowed) text = text.split(s).join('');
        if (/NaN|Infinity/.test(text)) run.problems.push(`intent text shows NaN/Infinity: ${JSON.stringify({ title: intent.title, message: intent.message }).slice(0, 300)}`);
      }
    } catch (err) {
      run.problems.push(`evaluate(${now}) threw: ${String((err as Error)?.stack ?? err).slice(0, 500)}`);
    }
    const ms = performance.now() - start;
    run.evaluations++;
    run.slowestMs = Math.max(run.slowestMs, ms);
    if (ms > LIMIT_MS) run.problems.push(`evaluate(${now}) took ${ms.toFixed(0)} ms`);
  };
  try {
    SAMPLES.forEach(([t, v], i) => {
      engine.ingest(series[i % series.length], t, v);
      if (i % 50 === 49) evaluate(T0 + i * 10_000);
    });
    for (const later of [T0 + 3_600_000, T0 + 86_400_000 * 30, 8.64e15]) evaluate(later);
    engine.alerts();
  } catch (err) {
    run.problems.push(`ingest/alerts threw: ${String((err as Error)?.stack ?? err).slice(0, 500)}`);
  }
  try {
    AlertEngine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())), { config, clock });
  } catch (err) {
    if (KNOWN_ROUND_TRIP.test(String((err as Error)?.message))) run.roundTripRefused = true;
    else run.problems.push(`the engine refused its own saved state: ${String((err as Error)?.stack ?? err).slice(0, 500)}`);
  }
  return run;
}

describe('bad input: alerts sections', function () {
  this.timeout(60_000);
  const figures = { tried: 0, accepted: 0, rejected: 0, namesMutated: 0, errors: 0, crashes: 0, slowestParse: 0, roundTripRefused: 0, longText: 0, engines: 0, evaluations: 0, slowestEvaluate: 0, intents: 0, overLimit: 0 };

  after(() => {
    console.log(
      `bad-input: alerts sections ${fmt(figures.tried)} tried, ${fmt(figures.accepted)} accepted, ${fmt(figures.rejected)} rejected ` +
        `(${fmt(figures.errors)} errors, each with a path in the input; ${fmt(figures.namesMutated)} naming the mutated key), ${fmt(figures.crashes)} crashes, slowest parse ${figures.slowestParse.toFixed(0)} ms; ` +
        `${fmt(figures.engines)} engines (one per distinct accepted section; ${fmt(figures.longText)} holding text over 10,000 characters) on ${SAMPLES.length} hostile samples each: ${fmt(figures.evaluations)} evaluations, ${fmt(figures.overLimit)} over 1 s (slowest ${figures.slowestEvaluate.toFixed(0)} ms), ${fmt(figures.intents)} intents, none showing NaN/Infinity; ` +
        `${fmt(figures.engines - figures.roundTripRefused)} engines' saved states load again (${fmt(figures.roundTripRefused)} refused)`,
    );
  });

  it('the base sections are valid', () => {
    // Arrange
    const bases = [LIST_FORM, MAPPING_FORM];
    // Act
    const results = bases.map((b) => parseAlertsConfig(b));
    // Assert
    expect(results.map((r) => (r.ok ? 'ok' : JSON.stringify(r.errors)))).to.deep.equal(['ok', 'ok']);
  });

  for (const [form, base] of [
    ['list form', LIST_FORM],
    ['mapping form', MAPPING_FORM],
  ] as const) {
    it(`${form}: every mutation is accepted (and its engine survives hostile samples) or refused with paths in the input`, () => {
      // Arrange
      const singles = mutationsOf(base, { maxItems: 5 }).filter((m) => !KNOWN_SLOW.test(m.label));
      const cases: Mutation[] = [...singles, ...combinedMutations(singles, COMBINED / 2, mulberry32(form.length * 7919))];
      const problems: string[] = [];
      const ran = new Set<string>();
      // Act
      for (const mutation of cases) {
        const input = mutation.apply(base);
        figures.tried++;
        const start = performance.now();
        let result: ReturnType<typeof parseAlertsConfig>;
        try {
          result = parseAlertsConfig(input);
        } catch (err) {
          figures.crashes++;
          problems.push(`${mutation.label}: threw ${String((err as Error)?.stack ?? err).slice(0, 500)}`);
          continue;
        }
        const ms = performance.now() - start;
        figures.slowestParse = Math.max(figures.slowestParse, ms);
        if (ms > LIMIT_MS) problems.push(`${mutation.label}: parse took ${ms.toFixed(0)} ms`);
        if (result.ok) {
          figures.accepted++;
          const key = JSON.stringify(result.value);
          if (ran.has(key)) continue;
          ran.add(key);
          if (hasLongText(result.value)) figures.longText++;
          const run = runEngine(result.value);
          figures.engines++;
          figures.evaluations += run.evaluations;
          figures.intents += run.intents;
          figures.slowestEvaluate = Math.max(figures.slowestEvaluate, run.slowestMs);
          if (run.slowestMs > LIMIT_MS) figures.overLimit++;
          if (run.roundTripRefused) figures.roundTripRefused++;
          if (run.problems.some((p) => p.includes('threw'))) figures.crashes++;
          problems.push(...run.problems.slice(0, 2).map((p) => `${mutation.label}: ${p}`));
          continue;
        }
        figures.rejected++;
        figures.errors += result.errors.length;
        const wrapped = { alerts: input };
        const bad = result.errors.filter((e) => !e.path || !pathExists(wrapped, e.path) || /\bundefined\b|\[object Object\]/.test(e.message));
        if (result.errors.length === 0 || bad.length) problems.push(`${mutation.label}: errors without a path in the input: ${JSON.stringify(bad.slice(0, 3)).slice(0, 400)}`);
        if (result.errors.some((e) => mutation.paths.some((p) => related(e.path, ['alerts', ...p])))) figures.namesMutated++;
      }
      // Assert
      expect(problems.slice(0, 8)).to.deep.equal([]);
      expect(figures.longText, 'accepted sections holding text over 10,000 characters').to.equal(0);
      expect(figures.roundTripRefused, 'engines whose own saved state does not load again').to.equal(0);
    });
  }

  // Was a bug (fixed; this test keeps it fixed): no limit on notify tiers. Repro: parseAlertsConfig([{ name: 'cpu', type: 'threshold', above: 90,
  // group_wait: '0s', notify: Array.from({ length: 10000 }, (_, i) => `notify.p${i}`) }]) is accepted; after
  // ingest('sensor.cpu', T, 95) each evaluate() plans 10,000 intents and takes 0.1–0.5 s (over 3 s under coverage).
  it('a rule with 10,000 notify tiers is refused, or evaluates within 1 s', () => {
    // Arrange
    const result = parseAlertsConfig([{ name: 'cpu', type: 'threshold', above: 90, group_wait: '0s', notify: Array.from({ length: 10_000 }, (_, i) => `notify.p${i}`) }]);
    if (!result.ok) return; // refused: fine
    const engine = new AlertEngine({ config: result.value, clock: new ManualClock(T0) });
    engine.ingest('sensor.cpu', T0, 95);
    // Act
    const start = performance.now();
    const { intents } = engine.evaluate(T0 + 1);
    const ms = performance.now() - start;
    // Assert
    expect(ms).to.be.below(LIMIT_MS);
    expect(intents.length).to.be.below(100);
  });

  // Was a bug (fixed; this test keeps it fixed): a rule name (or message, tier name, group_by label) over 10,000 characters is accepted, but the
  // state the engine saves then fails its own load(): restoreEngine starts afresh on every reload, so acks
  // and snoozes never survive one. Repro below; error "alert state: planner.log[0].title: expected at most
  // 10000 characters" (src/core/alerts/state-schema.ts STATE_LIMITS.text vs src/core/config/alerts.ts name: nonEmptyText).
  it('a state saved by an engine whose rule name is 20,000 characters long loads again', () => {
    // Arrange
    const name = 'x'.repeat(20_000);
    const result = parseAlertsConfig([{ name, type: 'threshold', above: 90 }]);
    if (!result.ok) return; // refused: fine
    const clock = new ManualClock(T0);
    const engine = new AlertEngine({ config: result.value, clock });
    engine.ingest('sensor.cpu', T0, 95);
    engine.evaluate(T0 + 1);
    engine.evaluate(T0 + 60_000);
    const saved = JSON.parse(JSON.stringify(engine.toJSON()));
    // Act
    const load = () => AlertEngine.fromJSON(saved, { config: result.value, clock });
    // Assert
    expect(load).not.to.throw();
  });

  // Was a bug (fixed; this test keeps it fixed): intent ids hash the alert key (rule name included) byte by byte with BigInt
  // (src/core/alerts/intent-id.ts fnv1a64), and rule names have no length limit
  // (src/core/config/alerts.ts `name: nonEmptyText`). Repro: a threshold rule named 'x'.repeat(1 << 20) with
  // 3 notify services, 95 on 3 entities → evaluate() plans 9 intents and takes 1.7–2.5 s (0.4 s with one
  // entity; timed under `npm test` coverage).
  it('a rule with a 1 MiB name is refused, or evaluates within 1 s', () => {
    // Arrange
    const result = parseAlertsConfig([{ name: 'x'.repeat(1 << 20), type: 'threshold', above: 90, group_wait: '0s', notify: ['notify.a', 'notify.b', 'notify.c'] }]);
    if (!result.ok) return; // refused: fine
    const engine = new AlertEngine({ config: result.value, clock: new ManualClock(T0) });
    for (const entity of ['sensor.a', 'sensor.b', 'sensor.c']) engine.ingest(entity, T0, 95);
    // Act
    const start = performance.now();
    engine.evaluate(T0 + 1);
    const ms = performance.now() - start;
    // Assert
    expect(ms).to.be.below(LIMIT_MS);
  });
});
