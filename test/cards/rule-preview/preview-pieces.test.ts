import { expect } from '@open-wc/testing';
import { previewChartGeometry } from '../../../src/cards/shared/rule-preview/preview-chart';
import { runSliced, type Steppable } from '../../../src/cards/shared/rule-preview/sliced';
import { backtestCsv, loadBacktestSamples } from '../../../src/ha/backtest-samples';
import { VitalsStore } from '../../../src/ha/store';
import { parseCsv } from '../../../src/core/replay/series';
import { FakeConnection } from '../../helpers/fake-connection';

const MIN = 60_000;

describe('rule preview: chart geometry', () => {
  it('puts a firing span where it happened and the threshold line at its value', () => {
    // Arrange: 0..100 over 100 minutes, a firing span in the second half, threshold 50
    const t = Array.from({ length: 101 }, (_, i) => i * MIN);
    const v = t.map((_, i) => i);
    // Act
    const g = previewChartGeometry(t, v, [{ state: 'firing', start: 50 * MIN, end: 75 * MIN }], [{ value: 50, kind: 'threshold' }], 0, 100 * MIN, 204, 104);
    // Assert: inner width 200 (padding 2): the band starts at x = 2 + 100 and spans 50 px
    expect(g.bands).to.deep.equal([{ x: 102, width: 50, state: 'firing' }]);
    expect(g.levels).to.have.length(1);
    expect(g.levels[0].y).to.be.closeTo(2 + 100 - 50, 1e-9);
    expect(g.path.startsWith('M')).to.equal(true);
  });

  it('runs an open span to the end of the range, and leaves out a level far outside the data', () => {
    // Arrange
    const t = [0, MIN, 2 * MIN];
    const v = [1, 2, 3];
    // Act
    const g = previewChartGeometry(t, v, [{ state: 'pending', start: MIN }], [{ value: 1e6, kind: 'limit' }], 0, 2 * MIN, 104, 54);
    // Assert
    expect(g.bands[0]).to.deep.equal({ x: 52, width: 50, state: 'pending' });
    expect(g.levels).to.deep.equal([]);
    expect(g.max).to.equal(3);
  });

  it('draws nothing for a series of gaps', () => {
    // Act
    const g = previewChartGeometry([0, MIN], [Number.NaN, Number.NaN], [], [{ value: 5, kind: 'threshold' }], 0, MIN, 100, 50);
    // Assert
    expect(g.path).to.equal('');
    expect(g.levels).to.deep.equal([]);
  });
});

describe('rule preview: sliced runs', () => {
  it('steps to the end in several slices, yields in between, and adds up the busy time', async () => {
    // Arrange: 10,000 units of work, a fake clock where each unit costs 0.01 ms
    let done = 0;
    let clock = 0;
    const run: Steppable = {
      step(max) {
        const n = Math.min(max, 10_000 - done);
        done += n;
        clock += n * 0.01;
        return done === 10_000;
      },
    };
    let yielded = 0;
    const timer = setInterval(() => yielded++, 0);
    // Act
    const outcome = await runSliced(run, undefined, () => clock);
    clearInterval(timer);
    // Assert
    expect(done).to.equal(10_000);
    expect(outcome.slices).to.be.greaterThan(1);
    expect(outcome.busyMs).to.be.closeTo(100, 1e-6);
  });

  it('stops with an AbortError when a newer edit replaces it', async () => {
    // Arrange
    const abort = new AbortController();
    let steps = 0;
    const run: Steppable = { step: () => (++steps === 2 && abort.abort(), false) };
    // Act
    const error = await runSliced(run, abort.signal).catch((e: Error) => e);
    // Assert
    expect((error as Error).name).to.equal('AbortError');
    expect(steps).to.equal(2);
  });
});

describe('rule preview: samples', () => {
  it('reads the range from the recorder when the store does not reach back, in whole milliseconds', async () => {
    // Arrange
    const connection = new FakeConnection();
    const from = Date.UTC(2026, 10, 1);
    const asked: Record<string, unknown>[] = [];
    connection.responders.set('history/history_during_period', (msg) => {
      asked.push(msg);
      return { 'sensor.cpu': [{ s: '10', lu: from / 1000 + 60.0004 }, { s: 'unavailable', lu: from / 1000 + 120 }, { s: '30.5', lu: from / 1000 + 180 }] };
    });
    const store = new VitalsStore(connection as never);
    // Act
    const samples = await loadBacktestSamples(store, connection as never, 'sensor.cpu', from, from + 3600_000);
    // Assert
    expect(asked).to.have.length(1);
    expect(asked[0].entity_ids).to.deep.equal(['sensor.cpu']);
    expect(samples.source).to.equal('recorder');
    expect([...samples.t]).to.deep.equal([from + 60_000, from + 120_000, from + 180_000]);
    expect(samples.v[0]).to.equal(10);
    expect(Number.isNaN(samples.v[1])).to.equal(true);
    expect(samples.v[2]).to.equal(30.5);
  });

  it('exports CSV the replay CLI reads back to the same samples', () => {
    // Arrange
    const t = Float64Array.from([Date.UTC(2026, 10, 1, 12), Date.UTC(2026, 10, 1, 12, 0, 10), Date.UTC(2026, 10, 1, 12, 0, 20)]);
    const v = Float64Array.from([0.1 + 0.2, Number.NaN, 87.25]);
    // Act
    const csv = backtestCsv({ t, v });
    const parsed = parseCsv(csv, 'x.csv');
    // Assert
    expect([...parsed.t]).to.deep.equal([...t]);
    expect(parsed.v[0]).to.equal(0.1 + 0.2);
    expect(Number.isNaN(parsed.v[1])).to.equal(true);
    expect(parsed.v[2]).to.equal(87.25);
  });
});
