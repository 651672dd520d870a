// Runs the built CLI (npm run test:node builds it first) as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'ha-vitals.mjs');
const nab = '/work/shared/nab/data';

function cli(args, opts = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: opts.cwd ?? root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(files) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const CPU = 'timestamp,value\n2024-05-01 00:00:00,10\n2024-05-01 00:01:00,95\n2024-05-01 00:02:00,96\n2024-05-01 00:03:00,97\n2024-05-01 00:04:00,20\n';

test('--help prints usage and exits 0', () => {
  const r = cli(['replay', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^Usage: ha-vitals replay \[--rules FILE\] \[--scores-dir DIR\] \[--state-class CLASS\] INPUT\.\.\./);
  assert.equal(cli(['--help']).code, 0);
});

test('no command: usage and exit 2; unknown option: error and exit 2', () => {
  assert.equal(cli([]).code, 2);
  const r = cli(['replay', '--bogus', 'x.csv']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^ha-vitals: unknown option --bogus/);
  assert.match(cli(['replay']).err, /no INPUT files given/);
  assert.match(cli(['frobnicate']).err, /unknown command "frobnicate"/);
  assert.match(cli(['replay', '--rules']).err, /--rules needs a value/);
});

test('replays YAML rules and prints one JSON line per transition', () => {
  const dir = tmp({
    'cpu.csv': CPU,
    'rules.yaml': 'alerts:\n  - name: hot\n    type: threshold\n    above: 90\n    for: 1m\n    severity: critical\n',
  });
  const r = cli(['replay', '--rules', join(dir, 'rules.yaml'), join(dir, 'cpu.csv')]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines, [
    { file: join(dir, 'cpu.csv'), rule: 'hot', event: 'pending', at: '2024-05-01T00:01:00.000Z', value: 95, severity: 'critical' },
    { file: join(dir, 'cpu.csv'), rule: 'hot', event: 'firing', at: '2024-05-01T00:02:00.000Z', value: 96, severity: 'critical' },
    { file: join(dir, 'cpu.csv'), rule: 'hot', event: 'resolved', at: '2024-05-01T00:04:00.000Z', value: 20, severity: 'critical' },
  ]);
});

test('accepts JSON rules and an HA websocket history export', () => {
  const dir = tmp({
    'rules.json': JSON.stringify([{ name: 'low', type: 'threshold', below: 5 }]),
    'h.json': JSON.stringify({ 'sensor.x': [{ s: '10', lu: 1700000000 }, { s: '1', lu: 1700000060 }, { s: '9', lu: 1700000120 }] }),
  });
  const r = cli(['replay', '--rules=' + join(dir, 'rules.json'), join(dir, 'h.json')]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    r.out.trim().split('\n').map((l) => JSON.parse(l).event),
    ['firing', 'resolved'],
  );
});

test('bad input: file, line and problem on stderr, exit 2, nothing on stdout', () => {
  const dir = tmp({ 'good.csv': CPU, 'data.csv': 'timestamp,value\n2024-05-01 00:00:00,1\n2024-05-01 00:01:00,abc\n' });
  const r = cli(['replay', 'good.csv', 'data.csv'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, 'ha-vitals: data.csv:3: value "abc" is not a number (or "unavailable"/"unknown"/empty)\n');
  assert.match(cli(['replay', 'missing.csv'], { cwd: dir }).err, /^ha-vitals: missing\.csv: no such file/);
});

test('bad rules: every problem with its path', () => {
  const dir = tmp({ 'cpu.csv': CPU, 'rules.yaml': '- name: a\n  type: threshold\n  above: 1\n  for: soon\n  threshhold: 2\n', 'broken.yaml': 'a: [\n' });
  const r = cli(['replay', '--rules', 'rules.yaml', 'cpu.csv'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /rules\.yaml: alerts\[0\]\.for: expected a duration like "30s", got "soon"/);
  assert.match(r.err, /rules\.yaml: alerts\[0\]\.threshhold: unknown key/);
  const b = cli(['replay', '--rules', 'broken.yaml', 'cpu.csv'], { cwd: dir });
  assert.equal(b.code, 2);
  assert.match(b.err, /broken\.yaml(:\d+)?: not valid YAML\/JSON/);
});

test('rules are validated with the card schema: a service outside notify.* needs allow_services', () => {
  // Arrange
  const dir = tmp({
    'cpu.csv': CPU,
    'unlock.yaml': '- name: hot\n  type: threshold\n  above: 90\n  notify: [notify.phone, lock.unlock]\n',
    'allowed.yaml': 'alerts:\n  allow_services: [lock.unlock]\n  rules:\n    - name: hot\n      type: threshold\n      above: 90\n      notify: [notify.phone, lock.unlock]\n',
  });
  // Act
  const denied = cli(['replay', '--rules', 'unlock.yaml', 'cpu.csv'], { cwd: dir });
  const allowed = cli(['replay', '--rules', 'allowed.yaml', 'cpu.csv'], { cwd: dir });
  // Assert
  assert.equal(denied.code, 2);
  assert.equal(denied.out, '');
  assert.equal(
    denied.err,
    'ha-vitals: unlock.yaml: alerts[0].notify[1].service: "lock.unlock" is not allowed: alert rules call only notify.* and persistent_notification.* unless the service is listed under alerts.allow_services\n',
  );
  assert.equal(allowed.code, 0, allowed.err);
  assert.deepEqual(allowed.out.trim().split('\n').map((l) => JSON.parse(l).event), ['firing', 'resolved']);
});

test('rules are validated with the card schema: minimum intervals and upper bounds name the key', () => {
  // Arrange
  const dir = tmp({ 'cpu.csv': CPU, 'fast.yaml': '- name: hot\n  type: threshold\n  above: 90\n  repeat_interval: 1ms\n  for: 8d\n' });
  // Act
  const r = cli(['replay', '--rules', 'fast.yaml', 'cpu.csv'], { cwd: dir });
  // Assert
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /fast\.yaml: alerts\[0\]\.repeat_interval: expected at least "1m", got "1ms"/);
  assert.match(r.err, /fast\.yaml: alerts\[0\]\.for: expected at most "7d", got "8d"/);
});

test('rules files: inherited names and huge keys are plain unknown keys', () => {
  // Arrange
  const big = 'k'.repeat(1024 * 1024);
  const dir = tmp({
    'cpu.csv': CPU,
    'proto.json': '[{"name":"a","type":"constructor"},{"name":"b","type":"nodata","__proto__":{"x":1},"toString":1}]',
    'big.json': JSON.stringify([{ name: 'a', type: 'nodata', [big]: 1 }]),
  });
  // Act
  const proto = cli(['replay', '--rules', 'proto.json', 'cpu.csv'], { cwd: dir });
  const huge = cli(['replay', '--rules', 'big.json', 'cpu.csv'], { cwd: dir });
  // Assert
  assert.equal(proto.code, 2);
  assert.match(proto.err, /proto\.json: alerts\[0\]\.type: expected one of "threshold", "trend", "anomaly", "nodata", got "constructor"/);
  assert.match(proto.err, /proto\.json: alerts\[1\]\.__proto__: unknown key/);
  assert.match(proto.err, /proto\.json: alerts\[1\]\.toString: unknown key/);
  assert.equal(huge.code, 2);
  assert.ok(huge.err.length < 1000, `stderr is ${huge.err.length} characters`);
  assert.match(huge.err, /big\.json: alerts\[0\]\.k{59}…: unknown key/);
});

test('--scores-dir writes one scores CSV per input with the input timestamps', () => {
  const dir = tmp({ 'cpu.csv': CPU });
  const out = join(dir, 'scores', 'nested');
  const r = cli(['replay', '--scores-dir', out, join(dir, 'cpu.csv')]);
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(join(out, 'cpu.csv'), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'timestamp,value,anomaly_score');
  assert.equal(lines.length, 6);
  assert.match(lines[1], /^2024-05-01 00:00:00,10,(0|1|0\.\d+)$/);
});

test('counters: the default anomaly rule judges the rate with --state-class or a state_class in the export', () => {
  // Arrange: 3 h of a byte counter growing ~1,000 per 10 s, then 10x faster for 5 min.
  const start = Date.UTC(2024, 4, 1);
  let total = 5e6;
  const rows = [];
  for (let i = 0; i < 1110; i++) {
    total += (i >= 1080 ? 10 : 1) * (1000 + ((i * 7919) % 200));
    rows.push([start + i * 10_000, total]);
  }
  const csv = `timestamp,value\n${rows.map(([t, v]) => `${new Date(t).toISOString()},${v}`).join('\n')}\n`;
  const json = JSON.stringify({ 'sensor.bytes': rows.map(([t, v], i) => ({ s: String(v), lu: t / 1000, ...(i === 0 ? { a: { state_class: 'total_increasing' } } : {}) })) });
  const dir = tmp({ 'bytes.csv': csv, 'bytes.json': json });
  const firingAt = (out) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.event === 'firing' && e.rule === 'anomaly').map((e) => Date.parse(e.at));
  // Act
  const asValue = cli(['replay', join(dir, 'bytes.csv')]); // no state class: judged on the value
  const asCounter = cli(['replay', '--state-class', 'total_increasing', join(dir, 'bytes.csv')]);
  const fromExport = cli(['replay', join(dir, 'bytes.json')]);
  // Assert
  assert.equal(asCounter.code, 0, asCounter.err);
  const burst = start + 1080 * 10_000;
  for (const fired of [firingAt(asCounter.out), firingAt(fromExport.out)]) {
    assert.equal(fired.filter((t) => t < burst).length, 0, 'no alert while it counts steadily');
    assert.ok(fired.some((t) => t >= burst && t - burst <= 60_000), `alert within 60 s of the burst: ${fired.map((t) => (t - burst) / 1000)}`);
  }
  assert.equal(asValue.code, 0, asValue.err);
});

test('replays the whole NAB corpus in under 5 s', { skip: !existsSync(nab) && 'NAB corpus not present' }, () => {
  const files = readdirSync(nab).flatMap((d) => readdirSync(join(nab, d)).filter((f) => f.endsWith('.csv')).map((f) => join(nab, d, f)));
  const scores = mkdtempSync(join(tmpdir(), 'hv-nab-'));
  const started = process.hrtime.bigint();
  const r = cli(['replay', '--scores-dir', scores, ...files]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  assert.equal(r.code, 0, r.err);
  assert.equal(files.length, 58);
  assert.equal(readdirSync(scores).length, 58);
  for (const line of r.out.trim().split('\n')) assert.ok(['pending', 'firing', 'resolved'].includes(JSON.parse(line).event));
  assert.ok(seconds < 5, `took ${seconds.toFixed(2)} s`);
  console.log(`NAB corpus: ${files.length} files in ${seconds.toFixed(2)} s`);
});

test("export gives a trend rule's Trend helper as commented YAML of HA's trend platform, above its automation", () => {
  const dir = tmp({
    'rules.yaml': 'alerts:\n  - name: leak\n    type: trend\n    min_gradient: 0.002\n    window: 30m\n    min_samples: 8\n  - name: full\n    type: trend\n    limit: 95\n',
  });
  const r = cli(['export', '--rules', 'rules.yaml', '--entity', 'sensor.memory'], { cwd: dir });
  assert.equal(r.code, 0, r.err);
  const helper = /# {3}binary_sensor:\n# {5}- platform: trend\n# {7}sensors:\n# {9}(ha_vitals_trend_[0-9a-f]{8}_[0-9a-f]{6}):\n# {11}entity_id: sensor\.memory\n# {11}sample_duration: 1800\n# {11}min_gradient: 0\.002\n# {11}min_samples: 8\n# {11}max_samples: 2048\n/.exec(r.out);
  assert.ok(helper, r.out);
  assert.match(r.out, new RegExp(`\\n {2}trigger:\\n {4}- platform: "state"\\n {6}entity_id: "binary_sensor\\.${helper[1]}"\\n {6}to: "on"\\n`));
  assert.match(r.err, /not exported: full on sensor\.memory \(min_gradient\): /);
});

test('export prints the Home Assistant automations as YAML; refused rules as comments and on stderr', () => {
  const dir = tmp({
    'rules.yaml': 'alerts:\n  - name: cpu_high\n    type: threshold\n    above: 90\n    recover_below: 85\n    for: 2m\n    notify: [notify.mobile_app_pixel, {service: notify.all_phones, after: 10m}]\n  - name: odd\n    type: threshold\n    above: 5\n    m_of_n: 3/5\n  - name: gone\n    type: nodata\n    when: unavailable\n    for: 5m\n    entity: sensor.disk\n',
  });
  const r = cli(['export', '--rules', 'rules.yaml', '--entity', 'sensor.cpu', '--scope', 'Server room'], { cwd: dir });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^- id: "ha_vitals_server_room_[0-9a-f]{6}_cpu_high_sensor_cpu_[0-9a-f]{8}"\n/);
  assert.match(r.out, /\n {2}trigger:\n {4}- platform: "numeric_state"\n {6}entity_id: "sensor.cpu"\n {6}above: 90\n {6}for:\n {8}minutes: 2\n/);
  assert.match(r.out, /\n- id: "ha_vitals_server_room_[0-9a-f]{6}_gone_sensor_disk_/);
  assert.match(r.out, /# not run in Home Assistant: odd on sensor\.cpu \(m_of_n\)/);
  assert.doesNotMatch(r.out, /\btriggers:|\bactions:/);
  assert.match(r.err, /^ha-vitals: not exported: odd on sensor\.cpu \(m_of_n\): /);
  // The same ids on every run (stable across edits of the thresholds too).
  const again = cli(['export', '--rules', 'rules.yaml', '--entity', 'sensor.cpu', '--scope', 'Server room'], { cwd: dir });
  assert.equal(again.out, r.out);
});

test('export: usage errors', () => {
  assert.match(cli(['export']).err, /export needs --rules FILE/);
  assert.match(cli(['export', '--rules', 'x.yaml', '--entity', 'CPU']).err, /--entity: "CPU" is not an entity id/);
  assert.equal(cli(['export', '--help']).code, 0);
  assert.match(cli(['--help']).out, /ha-vitals export --rules FILE \[--entity ID\]\.\.\. \[--scope NAME\]/);
});
