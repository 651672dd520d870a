import { expect } from '@open-wc/testing';
import { makeEngine, run, MIN } from './helpers.js';
import { AlertEngine } from '../../../src/core/alerts/engine.js';
import { NotificationPlanner, emptyPlannerState, type PlanInput } from '../../../src/core/alerts/planner.js';
import { createDetector } from '../../../src/core/alerts/detector-factory.js';
import type { NotificationIntent } from '../../../src/core/alerts/types.js';

const PHONE = 'notify.mobile_app_phone';
const ALL = 'notify.all_phones';
const SIREN = 'siren.turn_on';
const brief = (xs: NotificationIntent[]) => xs.map((i) => `${i.reason}:${i.service}@${i.at / MIN}`);

function cpuRule(extra: Record<string, unknown> = {}) {
  return { name: 'cpu', type: 'threshold', above: 50, group_wait: '0s', notify: [PHONE], ...extra };
}

describe('notification planning', () => {
  it('sends one firing notification with the numbers, then one resolved', () => {
    // Arrange
    const { engine } = makeEngine([cpuRule()]);
    // Act
    const { intents } = run(engine, 'sensor.cpu', [
      [0, 92.123],
      [MIN, 93],
      [10 * MIN, 10],
      [20 * MIN, 10],
    ]);
    // Assert
    expect(brief(intents)).to.deep.equal([`firing:${PHONE}@0`, `resolved:${PHONE}@10`]);
    expect(intents[0]).to.deep.include({ channel: 'tier0', alertKey: 'cpu/sensor.cpu', title: 'WARNING: cpu on sensor.cpu' });
    expect(intents[0].message).to.equal('sensor.cpu = 92.12 (92.123 > 50)');
    // notify services take only message/title/target/data: the tag goes in data, where the companion apps read it
    expect(intents[0].data).to.deep.equal({ data: { tag: 'cpu/sensor.cpu' } });
    expect(intents[0].id).to.match(/^hv1-[0-9a-f]{16}$/);
    expect(intents[1].title).to.equal('Resolved: cpu on sensor.cpu');
  });

  it('waits group_wait and batches alerts of the same group into one notification', () => {
    const { engine } = makeEngine([cpuRule({ group_wait: '30s', group_by: ['alertname'] })]);
    engine.ingest('sensor.a', 0, 90);
    engine.ingest('sensor.b', 10_000, 90);
    expect(engine.evaluate(20_000).intents).to.deep.equal([]);
    const { intents } = engine.evaluate(40_000);
    expect(intents).to.have.length(1);
    expect(intents[0]).to.deep.include({ reason: 'firing', at: 30_000, alertKey: 'group:notify.mobile_app_phone{alertname=cpu}', title: '2 alerts firing: cpu' });
    expect(intents[0].message).to.equal('sensor.a = 90 (90 > 50)\nsensor.b = 90 (90 > 50)');
  });

  it('never notifies an alert that resolves within group_wait', () => {
    const { engine } = makeEngine([cpuRule({ group_wait: '1m' })]);
    const { intents } = run(engine, 'sensor.cpu', [
      [0, 90],
      [20_000, 10],
      [5 * MIN, 10],
    ]);
    expect(intents).to.deep.equal([]);
  });

  it('gives the same ids on two dashboards that evaluate at different moments', () => {
    const samples: [number, number][] = [
      [0, 90],
      [3 * MIN, 95],
      [30 * MIN, 10],
      [60 * MIN, 10],
    ];
    const a = makeEngine([cpuRule({ group_wait: '30s', notify: [PHONE, { service: ALL, after: '10m' }] })]);
    const b = makeEngine([cpuRule({ group_wait: '30s', notify: [PHONE, { service: ALL, after: '10m' }] })]);
    const ia = run(a.engine, 'sensor.cpu', samples, 7_000).intents;
    const ib = run(b.engine, 'sensor.cpu', samples, 11_000).intents;
    expect(ia.map((i) => i.id)).to.deep.equal(ib.map((i) => i.id));
    expect(brief(ia)).to.deep.equal([`firing:${PHONE}@0.5`, `escalation:${ALL}@10`, `resolved:${ALL}@30`, `resolved:${PHONE}@30`]);
    expect(new Set(ia.map((i) => i.id)).size).to.equal(4);
  });

  it('escalates tier by tier while unacknowledged; a siren gets no resolved message', () => {
    const { engine } = makeEngine({ allow_services: [SIREN], rules: [cpuRule({ notify: [PHONE, { service: ALL, after: '5m' }, { service: [SIREN, 'persistent_notification.create'], after: '15m', name: 'loud' }] })] });
    const { intents } = run(
      engine,
      'sensor.cpu',
      [
        [0, 90],
        [20 * MIN, 90],
        [21 * MIN, 10],
        [40 * MIN, 10],
      ],
      MIN,
    );
    expect(brief(intents)).to.deep.equal([
      `firing:${PHONE}@0`,
      `escalation:${ALL}@5`,
      'escalation:persistent_notification.create@15',
      `escalation:${SIREN}@15`,
      `resolved:${ALL}@21`,
      `resolved:${PHONE}@21`,
      'resolved:persistent_notification.create@21',
    ]);
    expect(intents[2]).to.deep.include({ channel: 'loud', message: 'Unacknowledged for 15m: sensor.cpu = 90 (90 > 50)' });
    expect(intents[2].data).to.deep.equal({ notification_id: 'ha_vitals_cpu_sensor_cpu' });
  });

  it('stops escalating when acknowledged at any tier', () => {
    const { engine } = makeEngine({ allow_services: [SIREN], rules: [cpuRule({ notify: [PHONE, { service: ALL, after: '5m' }, { service: SIREN, after: '15m' }] })] });
    const first = run(engine, 'sensor.cpu', [[0, 90]], MIN);
    engine.evaluate(6 * MIN);
    expect(engine.ack('cpu/sensor.cpu', 'anna', 7 * MIN)).to.equal(true);
    const later = run(engine, 'sensor.cpu', [[30 * MIN, 90]], MIN).intents;
    expect(brief(first.intents)).to.deep.equal([`firing:${PHONE}@0`]);
    expect(later).to.deep.equal([]);
    expect(engine.alerts(30 * MIN)[0].ack).to.deep.equal({ at: 7 * MIN, by: 'anna' });
  });

  it('accepts an ack while pending: no firing notification and no escalation for that episode', () => {
    const { engine } = makeEngine({ allow_services: [SIREN], rules: [cpuRule({ for: '2m', notify: [PHONE, { service: SIREN, after: '5m' }] })] });
    engine.ingest('sensor.cpu', 0, 90);
    engine.evaluate(0);
    expect(engine.ack('cpu/sensor.cpu')).to.equal(true);
    const { intents, transitions } = run(engine, 'sensor.cpu', [[30 * MIN, 90]], MIN);
    expect(transitions.map((t) => t.to)).to.deep.equal(['firing']);
    expect(intents).to.deep.equal([]);
    // The ack lasts one episode only.
    const next = run(engine, 'sensor.cpu', [
      [31 * MIN, 10],
      [32 * MIN, 10],
      [40 * MIN, 90],
      [43 * MIN, 90],
    ]);
    expect(brief(next.intents)).to.deep.equal([`firing:${PHONE}@42`]);
  });

  it('cannot ack an alert that is not pending or firing; unack restores notifications', () => {
    const { engine } = makeEngine([cpuRule({ notify: [PHONE, { service: ALL, after: '5m' }] })]);
    engine.ingest('sensor.cpu', 0, 10);
    expect(engine.ack('cpu/sensor.cpu')).to.equal(false);
    expect(engine.ack('nope/sensor.x')).to.equal(false);
    engine.ingest('sensor.cpu', MIN, 90);
    engine.ack('cpu/sensor.cpu', undefined, MIN);
    expect(engine.unack('cpu/sensor.cpu')).to.equal(true);
    expect(engine.unack('cpu/sensor.cpu')).to.equal(false);
    expect(brief(engine.evaluate(7 * MIN).intents)).to.deep.equal([`firing:${PHONE}@1`, `escalation:${ALL}@6`]);
  });

  it('snoozed: no notifications, then a summary of what was suppressed', () => {
    const { engine } = makeEngine([cpuRule({ throttle: '10s' })]);
    engine.ingest('sensor.cpu', 0, 10);
    engine.snooze('cpu/sensor.cpu', 60 * MIN);
    const { intents } = run(
      engine,
      'sensor.cpu',
      [
        [1 * MIN, 90],
        [2 * MIN, 10],
        [10 * MIN, 90],
        [11 * MIN, 10],
        [20 * MIN, 90],
        [61 * MIN, 90],
      ],
      MIN,
    );
    expect(brief(intents)).to.deep.equal([`summary:${PHONE}@60`]);
    expect(intents[0].message).to.equal('3 more firings suppressed while snoozed; now firing: sensor.cpu = 90 (90 > 50)');
    expect(engine.snooze('nope/x', 1)).to.equal(false);
  });

  it('throttles re-firing per alert and summarises when the throttle ends', () => {
    const { engine } = makeEngine([cpuRule({ throttle: '30m', flap_threshold: 100 })]);
    const { intents } = run(
      engine,
      'sensor.cpu',
      [
        [0, 90],
        [1 * MIN, 10],
        [5 * MIN, 90],
        [6 * MIN, 10],
        [10 * MIN, 90],
        [11 * MIN, 10],
        [40 * MIN, 10],
      ],
      MIN,
    );
    expect(brief(intents)).to.deep.equal([`firing:${PHONE}@0`, `resolved:${PHONE}@5`, `summary:${PHONE}@30`]);
    expect(intents[2].message).to.equal('2 more firings suppressed by the 30m throttle; now ok: sensor.cpu = 10 (10 > 50)');
  });

  it('detects flapping: one "flapping" notice instead of a storm, then a summary when stable', () => {
    const { engine } = makeEngine([cpuRule({ throttle: '10s', flap_threshold: 4, flap_window: '10m', group_interval: '10s' })]);
    const samples: [number, number][] = [];
    for (let i = 0; i < 12; i++) samples.push([i * MIN, i % 2 === 0 ? 90 : 10]);
    samples.push([40 * MIN, 10]);
    const { intents } = run(engine, 'sensor.cpu', samples, MIN);
    expect(brief(intents)).to.deep.equal([`firing:${PHONE}@0`, `resolved:${PHONE}@1`, `firing:${PHONE}@2`, `flapping:${PHONE}@3`, `summary:${PHONE}@21`]);
    expect(intents[3].message).to.match(/^4 state changes in 10m; notifications paused/);
    expect(intents[4].message).to.match(/^\d+ notifications suppressed while flapping; now ok/);
  });

  it('silences by label matchers and time range', () => {
    const { engine } = makeEngine([cpuRule()]);
    engine.addSilence({ id: 's1', matchers: [{ name: 'entity', op: '=~', value: 'sensor\\.c.*' }], startsAt: 0, endsAt: 10 * MIN });
    const during = run(engine, 'sensor.cpu', [[0, 90]], MIN).intents;
    expect(engine.alerts(MIN)[0].silenced).to.equal(true);
    const after = run(engine, 'sensor.cpu', [[11 * MIN, 90]], MIN).intents;
    expect(during).to.deep.equal([]);
    expect(brief(after)).to.deep.equal([`firing:${PHONE}@11`]);
    expect(engine.silences().map((s) => s.id)).to.deep.equal(['s1']);
    expect(engine.removeSilence('s1')).to.equal(true);
    expect(engine.removeSilence('s1')).to.equal(false);
  });

  it('inhibits a warning while a critical alert fires on the same entity', () => {
    const { engine } = makeEngine([cpuRule({ name: 'warm', above: 50 }), cpuRule({ name: 'hot', above: 80, severity: 'critical' })]);
    const { intents } = run(
      engine,
      'sensor.cpu',
      [
        [0, 90],
        [5 * MIN, 60],
        [10 * MIN, 60],
      ],
      MIN,
    );
    expect(brief(intents)).to.deep.equal([`firing:${PHONE}@0`, `resolved:${PHONE}@5`, `firing:${PHONE}@5`]);
    expect(intents.map((i) => i.alertKey)).to.deep.equal(['hot/sensor.cpu', 'hot/sensor.cpu', 'warm/sensor.cpu']);
    engine.ingest('sensor.cpu', 11 * MIN, 90);
    expect(engine.alerts(11 * MIN).find((a) => a.key === 'warm/sensor.cpu')!.inhibitedBy).to.deep.equal(['hot/sensor.cpu']);
  });

  it('repeats a still-firing alert every repeat_interval', () => {
    const { engine } = makeEngine([cpuRule({ repeat_interval: '1h' })]);
    const { intents } = run(
      engine,
      'sensor.cpu',
      [
        [0, 90],
        [150 * MIN, 90],
      ],
      10 * MIN,
    );
    expect(brief(intents)).to.deep.equal([`firing:${PHONE}@0`, `repeat:${PHONE}@60`, `repeat:${PHONE}@120`]);
    expect(intents[1].message).to.equal('sensor.cpu = 90 (90 > 50); firing for 1h');
  });

  it('uses the rule message template', () => {
    const { engine } = makeEngine([cpuRule({ message: '{name} {severity}: {entity} at {value} ({reason}) for {for}' })]);
    const { intents } = run(engine, 'sensor.cpu', [[0, 90]]);
    expect(intents[0].message).to.equal('cpu warning: sensor.cpu at 90 (90 > 50) for 0s');
  });
});

describe('alert state persistence', () => {
  it('survives toJSON/fromJSON without repeating notifications', () => {
    const { engine, clock } = makeEngine([cpuRule({ notify: [PHONE, { service: ALL, after: '10m' }] })]);
    const first = run(engine, 'sensor.cpu', [[0, 90]], MIN).intents;
    clock.set(2 * MIN);
    const saved = JSON.parse(JSON.stringify(engine.toJSON()));
    expect(saved.version).to.equal(1);
    const { engine: template } = makeEngine([cpuRule({ notify: [PHONE, { service: ALL, after: '10m' }] })]);
    const restored = AlertEngine.fromJSON(saved, { config: (template as unknown as { config: never }).config, clock, detectorFactory: () => ({ kind: 'x', update: (_t: number, v: number) => ({ active: v > 50, value: v, score: 0 }), reset() {} }) });
    const { intents } = run(restored, 'sensor.cpu', [[12 * MIN, 90]], MIN);
    expect(brief(first)).to.deep.equal([`firing:${PHONE}@0`]);
    expect(brief(intents)).to.deep.equal([`escalation:${ALL}@10`]);
    expect(restored.notificationLog().map((i) => i.reason)).to.deep.equal(['firing', 'escalation']);
  });

  it('rejects a state of another version', () => {
    const { engine } = makeEngine([cpuRule()]);
    expect(() => engine.load({ version: 99 })).to.throw('alert state: version 99, expected version 1');
    expect(() => engine.load({})).to.throw('alert state: no version, expected version 1');
    expect(() => engine.load(null)).to.throw('alert state: not a saved state (null), expected version 1');
  });
});

describe('named notify reasons', () => {
  it('says what the planner decided for each alert: grouping, notified, escalated, acknowledged, resolved, throttled', () => {
    // Arrange
    const { engine } = makeEngine([cpuRule({ group_wait: '1m', throttle: '30m', flap_threshold: 100, notify: [PHONE, { service: ALL, after: '5m' }] })]);
    const reason = (now: number) => engine.alerts(now)[0].notifyReason;
    // Act / Assert
    engine.ingest('sensor.cpu', 0, 90);
    engine.evaluate(10_000);
    expect(reason(10_000)).to.equal('grouping');
    engine.evaluate(MIN);
    expect(reason(MIN)).to.equal('notified');
    engine.evaluate(6 * MIN);
    expect(reason(6 * MIN)).to.equal('escalated');
    engine.ack('cpu/sensor.cpu', 'Ann', 6 * MIN);
    engine.evaluate(7 * MIN);
    expect(reason(7 * MIN)).to.equal('acknowledged');
    engine.ingest('sensor.cpu', 8 * MIN, 10);
    engine.evaluate(8 * MIN);
    expect(reason(8 * MIN)).to.equal('resolved'); // the group's interval has passed: the resolved notice goes at once
    engine.ingest('sensor.cpu', 21 * MIN, 90);
    engine.evaluate(21 * MIN);
    expect(reason(21 * MIN)).to.equal('throttled');
  });

  it('names a snooze and an inhibition', () => {
    // Arrange
    const { engine } = makeEngine([cpuRule(), cpuRule({ name: 'cpu_crit', above: 60, severity: 'critical' })]);
    engine.ingest('sensor.cpu', 0, 10);
    engine.snooze('cpu_crit/sensor.cpu', 60 * MIN);
    // Act
    engine.ingest('sensor.cpu', MIN, 90);
    engine.evaluate(MIN);
    const byRule = Object.fromEntries(engine.alerts(MIN).map((a) => [a.rule, a.notifyReason]));
    // Assert: the critical one is snoozed; the warning one is inhibited by it while it fires.
    expect(byRule).to.deep.equal({ cpu: 'inhibited', cpu_crit: 'snoozed' });
  });

  it('forgets sent ids 7 days after their due time, not before, also in a state put in place', () => {
    // Arrange
    const DAY = 86_400_000;
    const planner = new NotificationPlanner({ ...emptyPlannerState(), sent: { a: 0, b: 2 * DAY } });
    const at = (now: number): PlanInput => ({ now, instances: [], rules: new Map(), transitions: [], suppression: () => ({ snoozed: false, silenced: false, inhibited: false, acked: false }) });
    const sentAfter = (now: number) => (planner.plan(at(now)), Object.keys(planner.state.sent));
    // Act + Assert
    expect(sentAfter(7 * DAY)).to.deep.equal(['a', 'b']);
    expect(sentAfter(7 * DAY + 1)).to.deep.equal(['b']);
    expect(sentAfter(9 * DAY)).to.deep.equal(['b']);
    expect(sentAfter(9 * DAY + 1)).to.deep.equal([]);
    // Another state (a reload, another tab's) is looked at afresh.
    planner.state = { ...emptyPlannerState(), sent: { c: 0, d: 3 * DAY } };
    expect(sentAfter(9 * DAY + 1)).to.deep.equal(['d']);
    planner.state.sent = { e: DAY };
    expect(sentAfter(9 * DAY + 1)).to.deep.equal([]);
  });

  it('keeps the ids it sent for 7 days, then forgets them', () => {
    // Arrange
    const DAY = 86_400_000;
    const { engine } = makeEngine([cpuRule()]);
    run(engine, 'sensor.cpu', [
      [0, 92],
      [10 * MIN, 10],
    ]);
    const sent = (now: number) => (engine.evaluate(now), Object.values(engine.toJSON().planner.sent));
    // Act + Assert: firing at 0, resolved at 10 min
    expect(sent(7 * DAY)).to.deep.equal([0, 10 * MIN]);
    expect(sent(7 * DAY + 1)).to.deep.equal([10 * MIN]);
    expect(sent(7 * DAY + 10 * MIN + 1)).to.deep.equal([]);
  });

  it('shows and notifies the reason of the sample that counted, with the real threshold detector', () => {
    // Arrange
    const { engine } = makeEngine([cpuRule({ above: 90, recover_below: 85, message: '{value}: {reason}' })], { detectorFactory: (rule) => createDetector(rule) });
    // Act
    const first = run(engine, 'sensor.cpu', [
      [0, 80],
      [10_000, 95.5],
      [20_000, 97],
    ]);
    // Assert
    expect(first.transitions.map((tr) => `${tr.to} ${tr.reason}`)).to.deep.equal(['firing 95.5 > 90 (recovers at ≤ 85)']);
    expect(first.intents.map((i) => i.message)).to.deep.equal(['95.5: 95.5 > 90 (recovers at ≤ 85)']);
    expect(engine.alerts(20_000)[0].reason).to.equal('97 > 90 (recovers at ≤ 85)');
    engine.ingest('sensor.cpu', 30_000, 86);
    expect(engine.toJSON().instances[0].reason).to.equal('86 > 90 (recovers at ≤ 85)');
    const second = run(engine, 'sensor.cpu', [[40_000, 84]]);
    expect(second.transitions.map((tr) => `${tr.to} ${tr.reason}`)).to.deep.equal(['resolved 84 within limits (≤ 90)']);
    expect(engine.alerts(40_000)[0].reason).to.equal('84 within limits (≤ 90)');
  });
});
