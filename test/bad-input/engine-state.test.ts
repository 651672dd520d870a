/**
 * Bad input, part 3: persisted alert engine states. A real state (after a firing, an ack, a snooze
 * and a silence) corrupted thousands of ways — type swaps, nulls, deleted keys, huge and
 * non-finite numbers, prototype-named keys, truncated JSON, 'null', '[]' — and restored as the
 * hub restores it (restoreEngine). Never a throw; either restored, or fresh with a `problem` the
 * card shows; and either way the engine still alerts: 95 on `above: 90` fires and notifies.
 */
import { expect } from '@open-wc/testing';
import { parseAlertsConfig, type AlertsConfig } from '../../src/core/config/alerts';
import { AlertEngine } from '../../src/core/alerts/engine';
import { restoreEngine, STORAGE_PREFIX } from '../../src/ha/alert-persistence';
import { ManualClock } from '../../src/core/types';
import { combinedMutations, fmt, mapStorage, muted, mulberry32, mutationsOf, type Mutation } from '../helpers/bad-input';

const T0 = Date.UTC(2026, 2, 1, 8);
const SCOPE = 'alerts:sensor.cpu,sensor.mem:0badf00d';
const LIMIT_MS = 1000;
const COMBINED = 1500;
/** localStorage holds about 5 MB per origin: a longer saved state cannot exist (10,000 copies of the whole state would be 30 MB). */
const STORAGE_QUOTA = 5 * 1024 * 1024;

function config(): AlertsConfig {
  const result = parseAlertsConfig([
    { name: 'cpu', type: 'threshold', above: 90, recover_below: 85, group_wait: '0s', notify: ['notify.phone', { service: 'notify.all', after: '10m' }] },
    { name: 'quiet', type: 'nodata', when: 'unavailable', severity: 'info' },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** A real saved state: cpu/sensor.cpu firing, acknowledged and snoozed; mem fired and resolved; one silence; the planner's log. */
function realState(): { state: Record<string, unknown>; text: string } {
  const clock = new ManualClock(T0);
  const engine = new AlertEngine({ config: config(), clock });
  engine.ingest('sensor.mem', T0, 97);
  engine.ingest('sensor.cpu', T0 + 1_000, 95);
  clock.set(T0 + 2_000);
  engine.evaluate();
  engine.ingest('sensor.mem', T0 + 60_000, 20);
  engine.ingest('sensor.cpu', T0 + 60_000, 96);
  engine.ingest('sensor.disk', T0 + 60_000, Number.NaN);
  clock.set(T0 + 700_000);
  engine.evaluate();
  engine.ack('cpu/sensor.cpu', 'Ann', T0 + 710_000);
  engine.snooze('cpu/sensor.cpu', T0 + 3_600_000);
  engine.addSilence({ id: 'sil-1', matchers: [{ name: 'entity', op: '=', value: 'sensor.cpu' }, { name: 'entity', op: '=~', value: 'sensor\\.(cpu|mem)' }], startsAt: T0, endsAt: T0 + 7_200_000, comment: 'maintenance', createdBy: 'Ann' });
  clock.set(T0 + 720_000);
  engine.evaluate();
  const state = engine.toJSON() as unknown as Record<string, unknown>;
  return { state, text: JSON.stringify(state) };
}

/** Restore like the hub, then check that the engine still alerts on a series nobody silenced. */
function restoreAndAlert(saved: string): { outcome: 'restored' | 'fresh'; problem?: string; error?: string; alerted: boolean; ms: number; notes: number; matcherless: boolean } {
  const storage = mapStorage({ [STORAGE_PREFIX + SCOPE]: saved });
  const clock = new ManualClock(T0 + 900_000);
  const start = performance.now();
  try {
    const { engine, problem } = restoreEngine(storage, SCOPE, { config: config(), clock });
    engine.ingest('sensor.fresh', clock.now(), 95);
    const first = engine.evaluate(clock.now() + 1);
    const later = engine.evaluate(clock.now() + 60_000);
    engine.alerts();
    const fired = first.transitions.some((t) => t.alertKey === 'cpu/sensor.fresh' && t.to === 'firing');
    const notified = [...first.intents, ...later.intents].some((i) => i.reason === 'firing' && `${i.alertKey}\n${i.title}\n${i.message}`.includes('sensor.fresh'));
    // Nothing saved (an empty value) is a fresh start without a problem.
    return { outcome: (problem && !problem.startsWith('saved alert state partly restored: ')) || saved === '' ? 'fresh' : 'restored', problem, alerted: fired && notified, ms: performance.now() - start, notes: engine.loadNotes.length, matcherless: engine.silences().some((x) => x.matchers.length === 0) };
  } catch (err) {
    return { outcome: 'fresh', error: String((err as Error)?.stack ?? err).slice(0, 600), alerted: false, ms: performance.now() - start, notes: 0, matcherless: false };
  }
}

describe('bad input: persisted engine states', function () {
  this.timeout(60_000);
  const figures = { tried: 0, restored: 0, restoredWithNotes: 0, fresh: 0, alerted: 0, muted: 0, crashes: 0, slowest: 0 };

  after(() => {
    console.log(
      `bad-input: engine states ${fmt(figures.tried)} corrupted, ${fmt(figures.restored)} restored (${fmt(figures.restoredWithNotes)} with dropped parts noted), ` +
        `${fmt(figures.fresh)} started fresh with a problem shown, ${fmt(figures.alerted)} alerting afterwards ` +
        `(${fmt(figures.muted)} muted), ${fmt(figures.crashes)} crashes, slowest ${figures.slowest.toFixed(0)} ms`,
    );
  });

  it('the real state restores without a problem and keeps its ack, snooze and silence', () => {
    // Arrange
    const { text } = realState();
    const storage = mapStorage({ [STORAGE_PREFIX + SCOPE]: text });
    // Act
    const { engine, problem } = restoreEngine(storage, SCOPE, { config: config(), clock: new ManualClock(T0 + 900_000) });
    const cpu = engine.alerts().find((a) => a.key === 'cpu/sensor.cpu');
    // Assert
    expect(problem).to.equal(undefined);
    expect(cpu?.state).to.equal('firing');
    expect([cpu?.acknowledged, cpu?.snoozed, cpu?.silenced]).to.deep.equal([true, true, true]);
    expect(engine.silences().map((s) => s.id)).to.deep.equal(['sil-1']);
  });

  it('every corrupted state is restored or replaced with a problem, and the engine alerts after it', () => {
    // Arrange
    const { state, text } = realState();
    const singles = mutationsOf(state, { maxItems: 3 });
    const mutations: Mutation[] = [...singles, ...combinedMutations(singles, COMBINED, mulberry32(20260301))];
    const texts: { label: string; saved: string }[] = mutations
      .map((m) => {
        const value = m.apply(state);
        // Storage holds text: what JSON.stringify makes of the value (NaN → null; undefined → nothing).
        return { label: m.label, saved: JSON.stringify(value) ?? '' };
      })
      .filter((t) => t.saved.length <= STORAGE_QUOTA);
    // Torn writes: the state cut at every 7th character, and other junk storage can hold.
    for (let cut = 0; cut < text.length; cut += 7) texts.push({ label: `cut at ${cut}`, saved: text.slice(0, cut) });
    for (const junk of ['null', '[]', '{}', '""', '0', 'true', '1e999', 'NaN', '{"version":1}', '{"version":"1"}', '{"__proto__":{"version":1}}', '\u0000', '\uFEFF{}', text + text, `[${text}]`]) {
      texts.push({ label: `junk ${junk.slice(0, 20)}`, saved: junk });
    }
    const problems: string[] = [];
    // Act
    const { warnings } = muted(() => {
      for (const { label, saved } of texts) {
        const r = restoreAndAlert(saved);
        figures.tried++;
        figures.slowest = Math.max(figures.slowest, r.ms);
        if (r.error) {
          figures.crashes++;
          problems.push(`${label}: threw ${r.error}`);
          continue;
        }
        if (r.outcome === 'restored') {
          figures.restored++;
          if (r.notes) figures.restoredWithNotes++;
        } else {
          figures.fresh++;
          if (saved !== '' && !r.problem) problems.push(`${label}: fresh without a problem`);
          if (saved !== '' && !/^saved alert state was not usable and alerting started afresh: .+/.test(r.problem ?? '')) problems.push(`${label}: fresh with an unclear problem ${JSON.stringify(r.problem)}`);
        }
        if (r.alerted) figures.alerted++;
        else {
          figures.muted++;
          problems.push(`${label}: ${r.outcome}, but 95 on "above: 90" neither fired nor notified${r.matcherless ? ' (a restored silence without matchers)' : ''}`);
        }
        if (r.ms > LIMIT_MS) problems.push(`${label}: took ${r.ms.toFixed(0)} ms`);
      }
    });
    // Assert
    expect(problems.slice(0, 8)).to.deep.equal([]);
    expect(figures.crashes).to.equal(0);
    expect(warnings).to.be.at.most(figures.fresh); // one warning per state replaced, nothing else
  });

  // Was a bug (fixed; this test keeps it fixed): a saved silence with `matchers: []` is restored (src/core/alerts/state-schema.ts:179 accepts an
  // empty list; so does readShared, src/core/alerts/shared-state.ts:137), and matchesAll([]) is true
  // (src/core/alerts/matchers.ts), so one corrupted byte range or one bad shared document mutes every alert of
  // the scope until the silence ends. Alertmanager refuses silences without matchers. Repro: the real state
  // with silences[0].matchers = [] → restoreEngine gives no problem → 95 on "above: 90" notifies nobody.
  it('a restored silence without matchers does not mute every alert', () => {
    // Arrange
    const { state } = realState();
    const silences = state.silences as { matchers: unknown[] }[];
    silences[0].matchers = [];
    // Act
    const r = muted(() => restoreAndAlert(JSON.stringify(state))).result;
    // Assert
    expect(r.alerted).to.equal(true);
  });

  // Was a bug (fixed; this test keeps it fixed): a state without `version` is refused with "alert state: unsupported version undefined
  // (expected 1)" (src/core/alerts/engine.ts load(), `JSON.stringify(version)` of a missing version); the alerts card shows that text.
  it('the problem for a state without a version does not say "undefined"', () => {
    // Arrange
    const storage = mapStorage({ [STORAGE_PREFIX + SCOPE]: '{}' });
    // Act
    const { problem } = muted(() => restoreEngine(storage, SCOPE, { config: config(), clock: new ManualClock(T0) })).result;
    // Assert
    expect(problem).not.to.match(/\bundefined\b/);
  });
});
