import { expect } from '@open-wc/testing';
import { parseTimestamp } from '../../../src/core/replay/timestamps.js';
import { parseCsv, parseHistoryJson, parseReplayInput, ReplayInputError, baseName } from '../../../src/core/replay/series.js';
import { replaySeries, scoresCsv } from '../../../src/core/replay/backtest.js';
import { parseAlertsConfig, type AlertsConfig } from '../../../src/core/config/alerts.js';

function rules(input: unknown): AlertsConfig {
  const r = parseAlertsConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ReplayInputError);
    return (error as Error).message;
  }
  throw new Error('expected a ReplayInputError');
}

describe('parseTimestamp', () => {
  const cases: [string, number][] = [
    ['2024-05-01 12:00:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00.250+02:00', Date.UTC(2024, 4, 1, 10, 0, 0, 250)],
    ['2024-05-01T12:00:00-0130', Date.UTC(2024, 4, 1, 13, 30)],
    ['2024-05-01T12:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['1700000000', 1_700_000_000_000],
    ['1700000000.5', 1_700_000_000_500],
    ['1700000000123', 1_700_000_000_123],
  ];
  for (const [text, ms] of cases) it(`${text}`, () => expect(parseTimestamp(text)).to.equal(ms));
  it('rejects what is not a time', () => {
    for (const bad of ['soon', '2024-13-01 00:00:00', '2024-05-01 25:00:00', '2024-05-01T25:00:00Z', '2024-00-10', 'x024-05-01 12:00:00', '']) {
      expect(parseTimestamp(bad), bad).to.be.NaN;
    }
  });
});

describe('parseCsv', () => {
  it('parses NAB-style rows, gaps and CRLF', () => {
    // Arrange
    const text = 'timestamp,value\r\n2024-05-01 00:00:00,1.5\r\n2024-05-01 00:05:00,unavailable\r\n2024-05-01 00:10:00,\r\n\r\n1714522200,-2e1\r\n';
    // Act
    const s = parseCsv(text, 'dir/data.csv');
    // Assert
    expect(s.id).to.equal('data');
    expect([...s.t]).to.deep.equal([Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 1, 0, 5), Date.UTC(2024, 4, 1, 0, 10), 1_714_522_200_000]);
    expect(s.v[0]).to.equal(1.5);
    expect(s.v[1]).to.be.NaN;
    expect(s.v[2]).to.be.NaN;
    expect(s.v[3]).to.equal(-20);
    expect(s.rawT[3]).to.equal('1714522200');
  });

  it('accepts other column orders, extra columns and quotes', () => {
    const s = parseCsv('\uFEFFValue,"Timestamp",note\n"3","2024-05-01T00:00:00Z","a"\n', 'x.csv');
    expect([...s.v]).to.deep.equal([3]);
    expect(s.rawT).to.deep.equal(['2024-05-01T00:00:00Z']);
  });

  it('names file, line and problem', () => {
    expect(failure(() => parseCsv('timestamp,value\n2024-05-01 00:00:00,1\n2024-05-01 00:01:00,abc\n', 'data.csv'))).to.equal(
      'data.csv:3: value "abc" is not a number (or "unavailable"/"unknown"/empty)',
    );
    expect(failure(() => parseCsv('timestamp,value\nyesterday,1\n', 'd.csv'))).to.match(/^d\.csv:2: timestamp "yesterday" is not a date\/time/);
    expect(failure(() => parseCsv('time,val\n', 'd.csv'))).to.equal('d.csv:1: header must name the columns "timestamp" and "value", got "time,val"');
    expect(failure(() => parseCsv('', 'd.csv'))).to.equal('d.csv: empty file (expected a header "timestamp,value")');
    expect(failure(() => parseCsv('timestamp,value\n2024-05-01 00:00:00,1,2\n', 'd.csv'))).to.equal('d.csv:2: expected 2 columns (timestamp,value), got 3');
    expect(failure(() => parseCsv('timestamp,value,x\n2024-05-01 00:00:00,1\n', 'd.csv'))).to.equal('d.csv:2: expected 3 columns, got 2');
    expect(failure(() => parseCsv('timestamp,value\n2024-05-01 00:00:00,Infinity\n', 'd.csv'))).to.match(/not a finite number/);
  });

  it('keeps rows that go back in time, in file order, at the latest time seen', () => {
    const s = parseCsv('timestamp,value\n2024-05-01 01:00:00,1\n2024-05-01 00:00:00,2\n2024-05-01 00:30:00,3\n2024-05-01 02:00:00,4\n', 'd.csv');
    expect([...s.t].map((t) => (t - Date.UTC(2024, 4, 1)) / 3_600_000)).to.deep.equal([1, 1, 1, 2]);
    expect(s.backwards).to.deep.equal({ where: 'd.csv:3', count: 2 });
    expect(s.rawT[1]).to.equal('2024-05-01 00:00:00');
  });
});

describe('parseHistoryJson', () => {
  it('reads the websocket minimal_response format', () => {
    const text = JSON.stringify({ 'sensor.cpu': [{ s: '12.5', a: {}, lu: 1_700_000_000.123 }, { s: 'unavailable', lu: 1_700_000_060 }, { s: '14', lc: 1_700_000_120 }] });
    const [s] = parseHistoryJson(text, 'h.json');
    expect(s.id).to.equal('sensor.cpu');
    expect([...s.t]).to.deep.equal([1_700_000_000_123, 1_700_000_060_000, 1_700_000_120_000]);
    expect(s.v[0]).to.equal(12.5);
    expect(s.v[1]).to.be.NaN;
    expect(s.rawT[0]).to.equal('1700000000.123');
  });

  it('reads the REST /api/history/period format, one series per entity', () => {
    const text = JSON.stringify([
      [
        { entity_id: 'sensor.a', state: '1', last_changed: '2024-05-01T00:00:00+00:00' },
        { entity_id: 'sensor.a', state: 'unknown', last_changed: '2024-05-01T00:01:00+00:00', last_updated: '2024-05-01T00:01:30+00:00' },
      ],
      [{ entity_id: 'sensor.b', state: 2, last_changed: 1_714_521_600 }],
    ]);
    const series = parseReplayInput(text, 'export.json');
    expect(series.map((s) => s.id)).to.deep.equal(['sensor.a', 'sensor.b']);
    expect([...series[0].t]).to.deep.equal([Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 1, 0, 1, 30)]);
    expect([...series[1].v]).to.deep.equal([2]);
  });

  it('names the problem and where it is', () => {
    expect(failure(() => parseHistoryJson('{"sensor.x": [{"s": "abc", "lu": 1}]}', 'h.json'))).to.equal('h.json: sensor.x[0]: state "abc" is not a number (or "unavailable"/"unknown")');
    expect(failure(() => parseHistoryJson('{"sensor.x": [{"s": "1"}]}', 'h.json'))).to.equal('h.json: sensor.x[0]: timestamp "" is not a date/time');
    expect(failure(() => parseHistoryJson('{"sensor.x": 3}', 'h.json'))).to.equal('h.json: sensor.x: expected a list of states');
    expect(failure(() => parseHistoryJson('{"sensor.x": [3]}', 'h.json'))).to.match(/^h\.json: sensor\.x\[0\]: expected a state object/);
    expect(failure(() => parseHistoryJson('[3]', 'h.json'))).to.match(/^h\.json: \[0\]: expected a list of states/);
    expect(failure(() => parseHistoryJson('[[3]]', 'h.json'))).to.equal('h.json: [0][0]: expected a state object');
    expect(failure(() => parseHistoryJson('[[{"state": {}, "last_changed": 5}]]', 'h.json'))).to.equal('h.json: [0][0]: state must be text or a number');
    expect(failure(() => parseHistoryJson('3', 'h.json'))).to.match(/expected a Home Assistant history export/);
    expect(failure(() => parseHistoryJson('{\n"a": [\n}', 'h.json'))).to.match(/^h\.json: (line 3: )?invalid JSON/);
  });

  it('keeps entries that go back in time at the latest time', () => {
    const [s] = parseHistoryJson('{"sensor.x": [{"s": "1", "lu": 10}, {"s": "2", "lu": 5}, {"s": "3", "lu": 4}]}', 'h.json');
    expect([...s.t]).to.deep.equal([10_000, 10_000, 10_000]);
    expect(s.backwards).to.deep.equal({ where: 'h.json: sensor.x[1]', count: 2 });
  });

  it('detects JSON by content when the extension says nothing', () => {
    expect(parseReplayInput('{"sensor.x": []}', 'export.txt')[0].id).to.equal('sensor.x');
    expect(parseReplayInput('timestamp,value\n', 'export.txt')[0].id).to.equal('export');
    expect(baseName('C:\\x\\y.tar.csv')).to.equal('y.tar');
  });
});

describe('replaySeries', () => {
  const csv = (rows: [string, string][]) => parseCsv(`timestamp,value\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'cpu.csv');

  it('reports pending, firing and resolved with time, value and severity', () => {
    // Arrange
    const series = csv([
      ['2024-05-01 00:00:00', '10'],
      ['2024-05-01 00:01:00', '95'],
      ['2024-05-01 00:02:00', '96'],
      ['2024-05-01 00:03:00', '97'],
      ['2024-05-01 00:04:00', '20'],
    ]);
    const config = rules([{ name: 'hot', type: 'threshold', above: 90, for: '1m', severity: 'critical', entity: 'sensor.other' }]);
    // Act
    const { events, scores } = replaySeries(series, config);
    // Assert
    expect(scores).to.equal(undefined);
    expect(events).to.deep.equal([
      { file: 'cpu.csv', rule: 'hot', event: 'pending', at: '2024-05-01T00:01:00.000Z', value: 95, severity: 'critical' },
      { file: 'cpu.csv', rule: 'hot', event: 'firing', at: '2024-05-01T00:02:00.000Z', value: 96, severity: 'critical' },
      { file: 'cpu.csv', rule: 'hot', event: 'resolved', at: '2024-05-01T00:04:00.000Z', value: 20, severity: 'critical' },
    ]);
  });

  it('fires a no-data rule on a gap in the timestamps', () => {
    const series = csv([
      ['2024-05-01 00:00:00', '1'],
      ['2024-05-01 00:01:00', '1'],
      ['2024-05-01 03:00:00', '1'],
    ]);
    const { events } = replaySeries(series, rules([{ name: 'gap', type: 'nodata', max_age: '30m' }]));
    expect(events.map((e) => `${e.event}@${e.at.slice(11, 16)}:${e.value}`)).to.deep.equal(['firing@00:32:1', 'resolved@03:00:1']);
  });

  it('uses the zero-config rules and scores every row in [0, 1]', () => {
    const rows: [string, string][] = [];
    for (let i = 0; i < 400; i++) rows.push([new Date(Date.UTC(2024, 4, 1) + i * 300_000).toISOString(), String(i === 300 ? 500 : 10 + Math.sin(i / 5))]);
    rows.push([rows[399][0], 'unavailable']);
    const series = csv(rows);
    const { events, scores } = replaySeries(series, undefined, { scores: true });
    expect(scores).to.have.length(401);
    expect([...scores!].every((s) => s >= 0 && s <= 1)).to.equal(true);
    expect(scores![300]).to.be.greaterThan(0.5);
    expect(Math.max(...scores!.slice(100, 299))).to.be.lessThan(scores![300]);
    expect(events.every((e) => e.rule === 'anomaly' || e.rule === 'no_data')).to.equal(true);
    const text = scoresCsv(series, scores!);
    const lines = text.trim().split('\n');
    expect(lines).to.have.length(402);
    expect(lines[0]).to.equal('timestamp,value,anomaly_score');
    expect(lines[1].startsWith(`${rows[0][0]},10,`)).to.equal(true);
    expect(lines[401]).to.match(/,,\d/);
  });

  it('scores with the rules\u2019 anomaly detector when there is one', () => {
    const rows: [string, string][] = [];
    for (let i = 0; i < 120; i++) rows.push([String(1_714_521_600 + i * 60), String(i % 7)]);
    const { scores } = replaySeries(csv(rows), rules([{ name: 'a', type: 'anomaly', sensitivity: 'high' }]), { scores: true });
    expect(scores).to.have.length(120);
    expect(scoresCsv({ ...csv(rows), rawT: rows.map(() => '2024-05-01 00:00:00,"x"') }, scores!).split('\n')[1]).to.match(/^"2024-05-01 00:00:00,""x""",0,/);
  });

  it('handles an empty series', () => {
    expect(replaySeries(csv([]), undefined, { scores: true }).events).to.deep.equal([]);
  });
});
