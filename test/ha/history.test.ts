import { expect } from '@open-wc/testing';
import { HistoryLoader, decodeHistory, decodeStatistics, statisticsPeriod, type HistoryChunk } from '../../src/ha/history';
import { FakeConnection, sleep } from '../helpers/fake-connection';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function historyResponder(connection: FakeConnection, rows: Record<string, { s: string; lu: number }[]>) {
  connection.responders.set('history/history_during_period', (msg) => {
    const out: Record<string, unknown> = {};
    for (const id of msg.entity_ids as string[]) if (rows[id]) out[id] = rows[id];
    return out;
  });
}

function makeLoader(connection: FakeConnection, received: [string, HistoryChunk][] = []) {
  const loader = new HistoryLoader(connection, (id, chunk) => received.push([id, chunk]), { batchDelayMs: 5, now: () => NOW });
  return { loader, received };
}

describe('HistoryLoader', () => {
  it('batches requests from many cards into one call with every entity', async () => {
    // Arrange
    const connection = new FakeConnection();
    historyResponder(connection, { 'sensor.a': [{ s: '1', lu: NOW / 1000 - 60 }], 'sensor.b': [{ s: '2', lu: NOW / 1000 - 60 }] });
    const { loader, received } = makeLoader(connection);
    // Act
    await Promise.all([loader.ensure('sensor.a', DAY), loader.ensure('sensor.b', DAY), loader.ensure('sensor.a', DAY)]);
    // Assert
    expect(connection.sent).to.have.length(1);
    expect(connection.sent[0]).to.include({ type: 'history/history_during_period', minimal_response: true, no_attributes: true });
    expect(connection.sent[0].entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
    expect(received.map(([id]) => id).sort()).to.deep.equal(['sensor.a', 'sensor.b']);
  });

  it('never fetches a range it already has; a longer window fetches only the older part', async () => {
    const connection = new FakeConnection();
    historyResponder(connection, {});
    const { loader } = makeLoader(connection);
    await loader.ensure('sensor.a', 6 * HOUR);
    // Act
    await loader.ensure('sensor.a', HOUR);
    await loader.ensure('sensor.a', DAY);
    // Assert
    expect(connection.sent).to.have.length(2);
    const second = connection.sent[1];
    expect(Date.parse(second.start_time as string)).to.equal(NOW - DAY);
    expect(Date.parse(second.end_time as string)).to.equal(NOW - 6 * HOUR);
  });

  it('completes windows older than raw retention from long-term statistics', async () => {
    const connection = new FakeConnection();
    historyResponder(connection, { 'sensor.a': [{ s: '5', lu: (NOW - DAY) / 1000 }] });
    connection.responders.set('recorder/statistics_during_period', () => ({
      'sensor.a': [
        { start: NOW - 20 * DAY, mean: 3 },
        { start: new Date(NOW - 19 * DAY).toISOString(), mean: 4 },
      ],
    }));
    const { loader, received } = makeLoader(connection);
    // Act
    await loader.ensure('sensor.a', 30 * DAY);
    // Assert
    const stats = connection.sent.find((m) => m.type === 'recorder/statistics_during_period')!;
    expect(stats.period).to.equal('hour');
    expect(stats.statistic_ids).to.deep.equal(['sensor.a']);
    expect(received.map(([, c]) => c.source)).to.have.members(['statistics', 'history']); // each handed over as it arrives
    expect(received.find(([, c]) => c.source === 'statistics')![1].values).to.deep.equal([3, 4]);
    expect(loader.requestCounts).to.deep.equal({ history: 1, statistics: 1 });
  });

  it('retries a window whose request failed', async () => {
    const connection = new FakeConnection();
    let calls = 0;
    connection.responders.set('history/history_during_period', () => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return {};
    });
    const { loader } = makeLoader(connection);
    // Act
    const first = await loader.ensure('sensor.a', HOUR).then(() => 'ok', (e: Error) => e.message);
    await sleep(0);
    await loader.ensure('sensor.a', HOUR);
    // Assert
    expect(first).to.equal('connection lost');
    expect(calls).to.equal(2);
  });

  it('backfills an explicit range for several entities in one call', async () => {
    const connection = new FakeConnection();
    historyResponder(connection, {});
    const { loader } = makeLoader(connection);
    await loader.backfill(['sensor.b', 'sensor.a'], NOW - 120_000);
    expect(connection.sent).to.have.length(1);
    expect(connection.sent[0].entity_ids).to.deep.equal(['sensor.a', 'sensor.b']);
  });
});

describe('history decoding', () => {
  it('turns states into numbers with gaps and clamps the carried-in first state to the window start', () => {
    const chunk = decodeHistory([{ s: '1.5', lu: 100 }, { s: 'unavailable', lu: 200 }, { s: '3', lc: 300 }], 150_000);
    expect(chunk.times).to.deep.equal([150_000, 200_000, 300_000]);
    expect(chunk.values[0]).to.equal(1.5);
    expect(Number.isNaN(chunk.values[1])).to.equal(true);
  });

  it('reads statistics with millisecond or ISO start times', () => {
    const chunk = decodeStatistics([{ start: 1000, mean: 2 }, { start: '1970-01-01T00:00:02.000Z', mean: null, state: 7 }, { start: 'garbage', mean: 1 }]);
    expect(chunk.times).to.deep.equal([1000, 2000]);
    expect(chunk.values).to.deep.equal([2, 7]);
  });

  it('chooses a statistics period by span', () => {
    expect(statisticsPeriod(DAY)).to.equal('5minute');
    expect(statisticsPeriod(30 * DAY)).to.equal('hour');
    expect(statisticsPeriod(365 * DAY)).to.equal('day');
  });
});

describe('history decoding of absurd values', () => {
  it('takes float sentinels and huge magnitudes as gaps and counts them', () => {
    // Act
    const states = decodeHistory([{ s: '50', lu: 1 }, { s: '3.4028234663852886e+38', lu: 2 }, { s: '1e308', lu: 3 }, { s: '1e400', lu: 4 }], 0);
    const stats = decodeStatistics([{ start: 1000, mean: 2 }, { start: 2000, mean: 1e308 }]);
    // Assert
    expect(states.values.map((v) => (Number.isNaN(v) ? 'gap' : v))).to.deep.equal([50, 'gap', 'gap', 'gap']);
    expect(states.absurd).to.equal(3);
    expect(stats.values.map((v) => (Number.isNaN(v) ? 'gap' : v))).to.deep.equal([2, 'gap']);
    expect(stats.absurd).to.equal(1);
  });
});

describe('HistoryLoader previews', () => {
  it('hands over a preview (statistics of the window) first, and the raw states only after the next painted frame', async () => {
    // Arrange: the raw answer comes a little after the statistics (as 100,000 rows do after 2,000)
    const connection = new FakeConnection();
    connection.responders.set('history/history_during_period', () => sleep(5).then(() => ({ 'sensor.a': [{ s: '1', lu: NOW / 1000 - 60 }] })));
    connection.responders.set('recorder/statistics_during_period', () => ({ 'sensor.a': [{ start: NOW - 2 * HOUR, mean: 3, min: 1, max: 5 }] }));
    const events: string[] = [];
    const atFrame: number[] = [];
    const loader = new HistoryLoader(
      connection,
      (_id, chunk) => {
        events.push(chunk.source);
        atFrame.push(frames);
      },
      { now: () => NOW },
    );
    let frames = 0;
    const countFrames = () => {
      frames++;
      if (frames < 10) requestAnimationFrame(countFrames);
    };
    requestAnimationFrame(countFrames);
    // Act
    await loader.ensure('sensor.a', 7 * DAY, { preview: true });
    // Assert
    expect(events).to.deep.equal(['statistics', 'history']);
    expect(atFrame[1]).to.be.above(atFrame[0]); // a frame could paint the preview before the raw states were placed
    const statistics = connection.sent.find((m) => m.type === 'recorder/statistics_during_period')!;
    expect(statistics.period).to.equal('5minute');
    expect(statistics.types).to.include.members(['mean', 'min', 'max']);
  });
});
