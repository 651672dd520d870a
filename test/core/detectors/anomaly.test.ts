import { expect } from '@open-wc/testing';
import {
  AnomalyDetector,
  LevelShiftModel,
  NoveltyModel,
  ContextNoveltyModel,
  createAnomalyDetector,
  anomalySettings,
  createDefaultDetectors,
  formatTailProbability,
  cpuSpike,
  memoryLeak,
  latencyShift,
  flapping,
  singleOutliers,
  sensorGaps,
  counterReset,
  pureNoiseDay,
  missedDailyPeak,
  seededRandom,
  gaussian,
  type Scenario,
} from '../../../src/core/detectors/index.js';
import type { Detector, DetectorSignal } from '../../../src/core/types.js';

interface Run {
  signals: DetectorSignal[];
  firstActiveFrom(index: number): number;
  longestEpisode: number;
  activeCount: number;
}

function run(scenario: Scenario, detector: Detector = createAnomalyDetector()): Run {
  const signals = Array.from(scenario.values, (v, i) => detector.update(scenario.times[i], v));
  let longestEpisode = 0;
  let current = 0;
  for (const s of signals) {
    current = s.active ? current + 1 : 0;
    longestEpisode = Math.max(longestEpisode, current);
  }
  return {
    signals,
    firstActiveFrom: (index) => signals.findIndex((s, i) => i >= index && s.active) - index,
    longestEpisode,
    activeCount: signals.filter((s) => s.active).length,
  };
}

describe('anomaly detector on labelled scenarios', () => {
  it('detects a CPU level shift within 5 samples (< 60 s at 10 s sampling)', () => {
    const scenario = cpuSpike();
    const result = run(scenario);
    const delay = result.firstActiveFrom(scenario.anomalyStart);
    expect(delay).to.be.within(0, 5);
    expect(result.signals.slice(0, scenario.anomalyStart).filter((s) => s.active).length).to.be.at.most(2);
  });

  it('detects a latency regime shift in log-normal noise within 10 samples', () => {
    const scenario = latencyShift();
    expect(run(scenario).firstActiveFrom(scenario.anomalyStart)).to.be.within(0, 10);
  });

  it('detects a slow memory leak within 30 samples', () => {
    const scenario = memoryLeak();
    expect(run(scenario).firstActiveFrom(scenario.anomalyStart)).to.be.within(0, 30);
  });

  it('detects a counter reset judged on its value within 2 samples', () => {
    const scenario = counterReset();
    expect(run(scenario).firstActiveFrom(scenario.anomalyStart)).to.be.within(0, 2);
  });

  it('does not take steady growth for a drift: a gauge growing for two weeks alerts at most while it is learned', () => {
    // Arrange: 20,000 minutes of a gauge that grows 0.1 a minute, noise 1
    const random = seededRandom(3);
    const detector = createAnomalyDetector();
    const onsets: number[] = [];
    let previous = false;
    // Act
    for (let i = 0; i < 20_000; i++) {
      const { active } = detector.update(1_700_000_000_000 + i * 60_000, 100 + 0.1 * i + gaussian(random));
      if (active && !previous) onsets.push(i);
      previous = active;
    }
    // Assert: nothing after the first few hundred samples (the fast baseline learning the slope)
    expect(onsets.filter((i) => i > 500)).to.deep.equal([]);
  });

  it('scores lone outliers high but never stays active for consecutive samples', () => {
    const scenario = singleOutliers();
    const result = run(scenario);
    const spikeScores = result.signals.filter((_s, i) => i > 500 && i % 400 === 0).map((s) => s.score);
    expect(Math.min(...spikeScores)).to.be.above(0.35);
    expect(result.longestEpisode).to.be.at.most(1);
  });

  it('a day of pure noise gives < 0.1 % active samples and no sustained episode', () => {
    const result = run(pureNoiseDay());
    expect(result.activeCount).to.be.below(17);
    expect(result.longestEpisode).to.be.at.most(1);
  });

  it('flapping around a threshold is not an anomaly once learned', () => {
    expect(run(flapping()).activeCount).to.equal(0);
  });

  it('treats unavailable samples as gaps: score 0, no alert, scoring resumes after', () => {
    const scenario = sensorGaps();
    const result = run(scenario);
    const gapSignal = result.signals[460];
    expect(gapSignal).to.include({ active: false, score: 0 });
    expect(result.longestEpisode).to.be.at.most(1);
    expect(result.signals[600].score).to.be.within(0, 1);
  });

  it('warms up before scoring and keeps every score in [0, 1]', () => {
    const result = run(cpuSpike());
    expect(result.signals.slice(0, 50).every((s) => s.warmingUp && s.score === 0)).to.equal(true);
    expect(result.signals.every((s) => s.score >= 0 && s.score <= 1)).to.equal(true);
    expect(result.signals[1600].reason).to.match(/^surprise/);
  });

  it('handles irregular sampling (jittered and paused) without false alarms', () => {
    const random = seededRandom(9);
    const detector = createAnomalyDetector();
    let t = 0;
    let active = 0;
    for (let i = 0; i < 3000; i++) {
      t += i % 700 === 0 ? 600_000 : 5000 + 10_000 * random();
      if (detector.update(t, 10 + random()).active) active++;
    }
    expect(active).to.be.below(6);
  });

  it('is deterministic and reset() restores the initial state, evidence channels included', () => {
    // A daily pattern (the seasonal channel) and a level shift (the others) in one series.
    for (const scenario of [latencyShift(), missedDailyPeak()]) {
      const detector = createAnomalyDetector();
      const first = run(scenario, detector).signals.map((s) => [s.score, s.active]);
      detector.reset();
      const second = run(scenario, detector).signals.map((s) => [s.score, s.active]);
      expect(second).to.deep.equal(first);
    }
  });

  it('confirms a ramp slower than the fast baseline learns only through the protected slow baseline', () => {
    // Arrange: noise σ = 1 at 10 s, then a fall of 0.02 σ per sample
    const ramp = (detector: Detector): number => {
      const random = seededRandom(5);
      for (let i = 0; i < 3000; i++) {
        const v = 20 + gaussian(random) - (i >= 2000 ? 0.02 * (i - 2000) : 0);
        if (detector.update(1_700_000_000_000 + i * 10_000, v).active) return i - 2000;
      }
      return Number.NaN;
    };
    // Act
    const withDrift = ramp(createAnomalyDetector());
    const withoutDrift = ramp(createAnomalyDetector({ drift: undefined }));
    // Assert: found within 300 samples (6 σ of fall), and never without the drift model
    expect(withDrift).to.be.within(0, 300);
    expect(withoutDrift).to.be.NaN;
  });

  it('confirms one extreme reading alone on a series sampled every 5 min, never on one sampled every 10 s', () => {
    // Arrange
    const confirmed = (intervalMs: number): boolean => {
      const random = seededRandom(6);
      const detector = createAnomalyDetector();
      for (let i = 0; i < 1000; i++) detector.update(1_700_000_000_000 + i * intervalMs, 50 + gaussian(random));
      // Act: one reading at 40 σ, then ordinary ones
      const spike = detector.update(1_700_000_000_000 + 1000 * intervalMs, 90).active;
      const after = detector.update(1_700_000_000_000 + 1001 * intervalMs, 50).active;
      return spike || after;
    };
    // Assert
    expect(confirmed(300_000)).to.equal(true);
    expect(confirmed(10_000)).to.equal(false);
  });

  it('is open to ensembles: weighted sub-detectors and custom models', () => {
    const constantModel = { name: 'constant', update: () => 100, reset: () => undefined };
    const detector = new AnomalyDetector({ models: [constantModel, new LevelShiftModel()], weights: [1, 0], settings: anomalySettings({ warmupSamples: 0 }) });
    expect(detector.update(0, 1).score).to.be.above(0);
    const novelty = new AnomalyDetector({ models: [new NoveltyModel(8, 10)], settings: anomalySettings({ warmupSamples: 20 }) });
    const scores = Array.from({ length: 300 }, (_, i) => novelty.update(i * 1000, i < 250 ? i % 5 : 50).score);
    expect(scores[250]).to.be.above(Math.max(...scores.slice(100, 250)));
  });
});

describe('contextual novelty and rest', () => {
  it('a new pattern is novel once, then familiar', () => {
    const model = new ContextNoveltyModel(6, 4, 20, 12, 0);
    const novelty: number[] = [];
    for (let i = 0; i < 400; i++) novelty.push(model.update(i * 60_000, i % 10));
    expect(novelty.slice(0, 19).every((n) => n === 0)).to.equal(true);
    expect(Math.max(...novelty.slice(300))).to.equal(0);
    expect(model.update(400 * 60_000, 100)).to.equal(1);
    model.reset();
    expect(model.update(0, 1)).to.equal(0);
  });

  it('reports a level shift once at its onset, then rests (active still follows the evidence)', () => {
    const scenario = cpuSpike();
    const result = run(scenario);
    const after = result.signals.slice(scenario.anomalyStart, scenario.anomalyStart + 100);
    const reported = after.filter((s) => s.score >= 0.55).length;
    expect(reported).to.be.within(1, 3);
    expect(after.some((s) => s.active)).to.equal(true);
  });
});

describe('sustained shifts keep `active` for alert rules with `for:`', () => {
  it('holds active through a CPU level shift until the baseline has re-learned (bounded)', () => {
    const scenario = cpuSpike();
    const result = run(scenario);
    const onset = result.firstActiveFrom(scenario.anomalyStart);
    const episode = result.signals.slice(scenario.anomalyStart + onset, scenario.anomalyStart + onset + 30);
    expect(episode.every((s) => s.active)).to.equal(true);
    expect(result.longestEpisode).to.be.within(30, 256);
    // score keeps the "spike then quiet" shape
    expect(episode.slice(5).every((s) => s.score < 0.55)).to.equal(true);
  });

  it('ends an episode soon after a short spike is over: the series back at its level is not an anomaly', () => {
    // Arrange: a latency read every minute, log-normal noise around 40 ms for two days, a 12-minute
    // spike to ~1 s, then two hours back at 40 ms (the demo's wall-tablet lag spike)
    const random = seededRandom(11);
    const level = 40;
    const normal = 2880;
    const spike = 12;
    const after = 120;
    const values: number[] = [];
    for (let i = 0; i < normal + spike + after; i++) {
      const inSpike = i >= normal && i < normal + spike;
      values.push(Math.round((inSpike ? 1000 : level) * Math.exp(0.18 * gaussian(random))));
    }
    const detector = createAnomalyDetector();
    // Act
    const active = values.map((v, i) => detector.update(1_700_000_000_000 + i * 60_000, v).active);
    // Assert: the spike is an episode, and it is over within 10 samples of the series being back
    expect(active.slice(normal, normal + spike).some(Boolean)).to.equal(true);
    const back = normal + spike;
    const stillActive = active.map((a, i) => (a && i >= back + 10 ? i - back : -1)).filter((i) => i >= 0);
    expect(stillActive, 'samples after the spike still active').to.deep.equal([]);
  });

  it('does not hold when disabled (and no drift baseline keeps it), nor without a level model', () => {
    const scenario = cpuSpike();
    // The evidence itself lasts a while into a shift; the hold (and the drift baseline) carry it further.
    expect(run(scenario, createAnomalyDetector({ settings: anomalySettings({ hold: { samples: 0 } }), drift: undefined })).longestEpisode).to.be.below(run(scenario).longestEpisode);
    expect(run(scenario, new AnomalyDetector({ models: [new NoveltyModel()] })).longestEpisode).to.be.below(30);
  });
});

describe('reason text', () => {
  it('gives the tail probability as a plain number, or one digit and a whole power of ten when tiny', () => {
    // Arrange: information −log10 p as the calibration gives it
    const informations = [0, 0.211, 1.3, 3, 5.55, 12, Infinity];
    // Act
    const texts = informations.map(formatTailProbability);
    // Assert
    expect(texts).to.deep.equal(['p 1', 'p 0.62', 'p 0.05', 'p 0.001', 'p 3e-6', 'p 1e-12', 'p 0']);
  });

  it('a signal explains itself with its surprise and that probability, never a fractional exponent', () => {
    // Arrange
    const detector = createAnomalyDetector();
    const random = seededRandom(5);
    // Act
    const reasons = Array.from({ length: 400 }, (_v, i) => detector.update(1_700_000_000_000 + i * 60_000, 40 + gaussian(random)).reason);
    // Assert
    for (const reason of reasons.slice(100)) expect(reason).to.match(/^surprise [\d.]+, p (\d+(\.\d+)?|\de-\d+)$/);
  });
});

describe('factories', () => {
  it('createDefaultDetectors gives anomaly + staleness, plus trend/threshold when configured', () => {
    expect(createDefaultDetectors().map((d) => d.kind)).to.deep.equal(['anomaly', 'staleness']);
    const all = createDefaultDetectors({ anomaly: false, staleness: false, trend: { limit: 100 }, threshold: { above: 1 } });
    expect(all.map((d) => d.kind)).to.deep.equal(['trend', 'threshold']);
  });
});
