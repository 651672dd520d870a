import { quantileSorted } from '../../../src/core/stats/quantile.js';
import { expect } from '@open-wc/testing';
import {
  analyzeSeries,
  describeNeed,
  fitTrend,
  formatChange,
  formatClock,
  formatMetric,
  formatSpan,
  generateInsights,
  levelShiftStart,
  rankInsights,
  roundNumber,
  windowAdjective,
  type Insight,
  type SeriesInput,
} from '../../../src/core/insights/index';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = new Date(2026, 10, 26, 15, 0, 0).getTime();
const SHIFT_AT = new Date(2026, 10, 26, 14, 5, 0).getTime();
const PATTERN = [950, 1000, 1050, 980, 1020, 1000];

/** Samples every `stepMs` from `from` to NOW; values from the repeating pattern, × `factor` from `shiftAt`. */
function series(from: number, stepMs: number, factor: number, shiftAt = SHIFT_AT, pattern = PATTERN): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = from, i = 0; t <= NOW; t += stepMs, i++) {
    times.push(t);
    values.push(pattern[i % pattern.length] * (t >= shiftAt ? factor : 1));
  }
  return { times, values };
}

const input = (data: { times: number[]; values: number[] }, extra: Partial<SeriesInput> = {}): SeriesInput => ({
  entity: 'vitals.assist_intent_ms',
  name: 'Assist intent',
  unit: 'ms',
  ...data,
  ...extra,
});

describe('insights: level shift', () => {
  it('reports a 42 % rise of the p95 with the time the level shifted', () => {
    // Arrange: 6 h at ~1 s, then ×1.42 from 14:05.
    const data = series(NOW - 6 * HOUR, MIN, 1.42);
    // Act
    const result = analyzeSeries(input(data), { now: NOW, baselineMs: 7 * DAY });
    // Assert
    expect(result.status).to.equal('ok');
    const [insight] = result.insights;
    expect(insight.kind).to.equal('shift');
    expect(Math.round(insight.changePct)).to.equal(42);
    expect(insight.since).to.equal(SHIFT_AT);
    expect(insight.severity).to.equal('warning');
    expect(insight.sentence).to.contain('42%');
    expect(insight.sentence).to.contain('since 2:05 PM');
    expect(insight.sentence).to.match(/^Assist intent p95 1\.\d+ s, up 42% vs the previous 5 h of 1\.\d+ s, since 2:05 PM$/);
    expect(insight.currentValue).to.be.closeTo(insight.baselineValue * 1.42, 1e-6);
  });

  it('names the full baseline window when the history covers it', () => {
    const data = series(NOW - 8 * DAY, 10 * MIN, 1.42);
    const result = analyzeSeries(input(data), { now: NOW, baselineMs: 7 * DAY, formatTime: () => 'T' });
    const [insight] = result.insights;
    // 7 days of the same pattern every day: the seasonal baseline (same hour, previous days) is used.
    expect(insight.baselineKind).to.equal('seasonal');
    expect(insight.sentence).to.contain('vs the same hour on the previous 7 days');
  });

  it('uses the window baseline label when the baseline is under 2 days', () => {
    const data = series(NOW - 25 * HOUR, 5 * MIN, 1.5);
    const result = analyzeSeries(input(data), { now: NOW, baselineMs: DAY });
    expect(result.insights[0].sentence).to.contain('vs the 1-day baseline');
    expect(result.insights[0].baselineKind).to.equal('window');
  });

  it('makes no insight when the change is below the threshold', () => {
    const data = series(NOW - 6 * HOUR, MIN, 1.1);
    const result = analyzeSeries(input(data), { now: NOW });
    expect(result.status).to.equal('ok');
    expect(result.insights).to.have.length(0);
    expect(Math.round(result.changePct!)).to.equal(10);
  });

  it('calls a doubling critical and a fall an improvement (info)', () => {
    const up = analyzeSeries(input(series(NOW - 6 * HOUR, MIN, 2.5)), { now: NOW });
    // A fall shows in the p95 once the whole recent window is at the new level.
    const down = analyzeSeries(input(series(NOW - 6 * HOUR, MIN, 0.5, NOW - 65 * MIN)), { now: NOW });
    expect(up.insights[0].severity).to.equal('critical');
    expect(down.insights[0].severity).to.equal('info');
    expect(down.insights[0].sentence).to.contain('down 50%');
  });

  it('treats a fall as bad when higher is better', () => {
    const result = analyzeSeries(input(series(NOW - 6 * HOUR, MIN, 0.5, NOW - 65 * MIN), { unit: 'fps', higherIsBetter: true }), { now: NOW });
    expect(result.insights[0].severity).to.equal('warning');
  });

  it('ignores small absolute changes of percentages', () => {
    const result = analyzeSeries(input(series(NOW - 6 * HOUR, MIN, 2, SHIFT_AT, [2, 3, 2, 3]), { unit: '%' }), { now: NOW });
    expect(result.insights).to.have.length(0);
  });

  it('says when there is not enough history for a baseline', () => {
    const data = series(NOW - 90 * MIN, MIN, 1.42);
    const result = analyzeSeries(input(data), { now: NOW });
    expect(result.status).to.equal('insufficient');
    expect(result.needsMs).to.equal(HOUR);
    expect(result.haveMs).to.equal(30 * MIN);
    expect(result.insights).to.have.length(0);
  });

  it('reports no data when nothing is in force in the recent window', () => {
    const result = analyzeSeries(input({ times: [], values: [] }), { now: NOW });
    expect(result.status).to.equal('nodata');
  });

  it('skips gaps and a zero baseline', () => {
    const data = series(NOW - 6 * HOUR, MIN, 1, SHIFT_AT, [0]);
    data.values[10] = Number.NaN;
    const result = analyzeSeries(input(data), { now: NOW });
    expect(result.insights).to.have.length(0);
  });
});

describe('insights: forecast', () => {
  it('forecasts a filling disk and says when it is full', () => {
    // Arrange: 80 % rising 0.5 %/h over a day → 92 % now, 100 % in 16 h.
    const times: number[] = [];
    const values: number[] = [];
    for (let t = NOW - DAY; t <= NOW; t += 10 * MIN) {
      times.push(t);
      values.push(80 + ((t - (NOW - DAY)) / HOUR) * 0.5);
    }
    // Act
    const result = analyzeSeries({ entity: 'sensor.disk', name: 'Disk use', unit: '%', times, values, limit: 100 }, { now: NOW, baselineMs: 7 * DAY });
    // Assert
    const forecast = result.insights.find((i) => i.kind === 'forecast')!;
    expect(forecast.severity).to.equal('critical');
    expect(forecast.timeToLimitMs! / HOUR).to.be.closeTo(16, 0.5);
    expect(forecast.sentence).to.equal('Disk use 92%, rising 12%/d: full in 16 h (limit 100%)');
  });

  it('does not forecast a flat or falling series, or one already over the limit', () => {
    const flat = { entity: 's', name: 'S', unit: '%', times: [NOW - DAY, NOW - HOUR], values: [50, 50], limit: 100 };
    expect(analyzeSeries(flat, { now: NOW }).insights.filter((i) => i.kind === 'forecast')).to.have.length(0);
    const over = { ...flat, values: [90, 101] };
    expect(analyzeSeries(over, { now: NOW }).insights.filter((i) => i.kind === 'forecast')).to.have.length(0);
    expect(fitTrend([], [], 0, NOW)).to.equal(undefined);
  });

  it('rates slow growth per hour with a warning when full within a week', () => {
    const times: number[] = [];
    const values: number[] = [];
    for (let t = NOW - DAY; t <= NOW; t += 30 * MIN) {
      times.push(t);
      values.push(40 + ((t - (NOW - DAY)) / DAY) * 0.5);
    }
    const result = analyzeSeries({ entity: 'sensor.db', name: 'Database', unit: 'GB', times, values, limit: 42 }, { now: NOW });
    const forecast = result.insights.find((i) => i.kind === 'forecast')!;
    expect(forecast.severity).to.equal('warning');
    expect(forecast.sentence).to.match(/^Database 40\.5 GB, rising 0\.02\d+ GB\/h: full in 3 d \(limit 42 GB\)$/);
  });
});

describe('insights: ranking and helpers', () => {
  it('ranks by severity × |change| across series', () => {
    // Arrange
    const big = input(series(NOW - 6 * HOUR, MIN, 2.5), { entity: 'vitals.a', name: 'A' });
    const small = input(series(NOW - 6 * HOUR, MIN, 1.42), { entity: 'vitals.b', name: 'B' });
    const short = input(series(NOW - 30 * MIN, MIN, 1), { entity: 'vitals.c', name: 'C' });
    // Act
    const result = generateInsights([small, big, short], { now: NOW });
    // Assert
    expect(result.insights.map((i) => i.entity)).to.deep.equal(['vitals.a', 'vitals.b']);
    expect(result.insufficient).to.deep.equal(['vitals.c']);
    const tie = (entity: string, score: number, changePct: number) => ({ entity, score, changePct }) as Insight;
    expect(rankInsights([tie('x', 2, 10), tie('y', 2, 30), tie('a', 2, 30)]).map((i) => i.entity)).to.deep.equal(['a', 'y', 'x']);
  });

  it('finds the start of a level shift with a rolling median', () => {
    const times = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const values = [1, 1, 9, 1, 1, 5, 6, 5, 6, 5];
    expect(levelShiftStart(times, values, 3, 1)).to.equal(6);
    expect(levelShiftStart(times, values, 3, -1)).to.equal(undefined);
    expect(levelShiftStart(times, [9, 9, 9], 3, 1)).to.equal(1);
  });

  it('formats numbers, units, spans and times', () => {
    expect(formatMetric(1800, 'ms')).to.equal('1.8 s');
    expect(formatMetric(420, 'ms')).to.equal('420 ms');
    expect(formatMetric(300, 's')).to.equal('5 min');
    expect(formatMetric(2048, 'MB')).to.equal('2 GB');
    expect(formatMetric(2048, 'MiB')).to.equal('2 GiB');
    expect(formatMetric(87.25, '%')).to.equal('87.3%');
    expect(formatMetric(0.01234)).to.equal('0.0123');
    expect(formatMetric(Number.NaN, '%')).to.equal('—');
    expect(roundNumber(0)).to.equal('0');
    expect(formatChange(41.6)).to.equal('up 42%');
    expect(formatChange(-30.2)).to.equal('down 30%');
    expect(formatSpan(20 * MIN)).to.equal('20 min');
    expect(formatSpan(5 * HOUR)).to.equal('5 h');
    expect(formatSpan(11 * DAY)).to.equal('11 d');
    expect(windowAdjective(7 * DAY)).to.equal('7-day');
    expect(windowAdjective(24 * HOUR)).to.equal('1-day');
    expect(windowAdjective(6 * HOUR)).to.equal('6-hour');
    expect(windowAdjective(90 * MIN)).to.equal('90-minute');
    expect(formatClock(SHIFT_AT, NOW)).to.equal('2:05 PM');
    expect(formatClock(new Date(2026, 2, 3, 9, 7).getTime(), NOW)).to.equal('Mar 3, 9:07 AM');
    expect(describeNeed(HOUR)).to.equal('1 h');
    expect(describeNeed(30 * MIN)).to.equal('30 min');
    expect(quantileSorted([], 0.5)).to.be.NaN;
    expect(quantileSorted([1, 2, 3, 4], 0.5)).to.equal(2.5);
  });
});
