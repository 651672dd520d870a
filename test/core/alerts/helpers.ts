import { ManualClock, type Detector, type DetectorSignal } from '../../../src/core/types.js';
import { parseAlertsConfig, type AlertsConfig } from '../../../src/core/config/alerts.js';
import { formatErrors } from '../../../src/core/config/validate.js';
import { AlertEngine, type AlertEngineOptions } from '../../../src/core/alerts/engine.js';

/** Active while value > 50 (threshold rules use their `above` if set); no-data: silent > 60 s. */
export class FakeDetector implements Detector {
  kind = 'fake';
  last = Number.NaN;
  tick?: (t: number) => DetectorSignal;
  constructor(
    private readonly above = 50,
    nodata = false,
  ) {
    if (nodata) {
      this.kind = 'nodata';
      this.tick = (t: number) => {
        const age = t - this.last;
        return { active: !Number.isNaN(this.last) && age > 60_000, value: age, score: 0, reason: `no data for ${age} ms` };
      };
    }
  }
  update(t: number, value: number): DetectorSignal {
    if (this.tick) {
      if (!Number.isNaN(value)) this.last = t;
      return this.tick(t);
    }
    return { active: value > this.above, value, score: value > this.above ? 1 : 0, reason: `${value} > ${this.above}` };
  }
  reset(): void {
    this.last = Number.NaN;
  }
}

export const MIN = 60_000;

export function config(input: unknown): AlertsConfig {
  const result = parseAlertsConfig(input);
  if (!result.ok) throw new Error(formatErrors(result.errors));
  return result.value;
}

export function makeEngine(input: unknown, extra: Partial<AlertEngineOptions> = {}) {
  const clock = new ManualClock(0);
  const engine = new AlertEngine({
    config: config(input),
    clock,
    detectorFactory: (rule) => new FakeDetector(rule.type === 'threshold' ? (rule.above ?? 50) : 50, rule.type === 'nodata'),
    ...extra,
  });
  return { engine, clock };
}

/** Feed samples [t, value] for one series, evaluating at each sample time; collect everything. */
export function run(engine: AlertEngine, series: string, samples: [number, number][], evaluateEvery?: number) {
  const transitions = [];
  const intents = [];
  let last = samples.length ? samples[0][0] : 0;
  for (const [t, v] of samples) {
    if (evaluateEvery) {
      for (let e = last + evaluateEvery; e < t; e += evaluateEvery) {
        const r = engine.evaluate(e);
        transitions.push(...r.transitions);
        intents.push(...r.intents);
      }
    }
    engine.ingest(series, t, v);
    const r = engine.evaluate(t);
    transitions.push(...r.transitions);
    intents.push(...r.intents);
    last = t;
  }
  return { transitions, intents };
}
