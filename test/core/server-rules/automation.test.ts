import { expect } from '@open-wc/testing';
import { parseAlertsConfig, type AlertRule, type AlertsConfig } from '../../../src/core/config/alerts.js';
import { automationFor, automationsYaml, serverAutomations, serverScopePrefix, type ServerTranslation } from '../../../src/core/server-rules/automation.js';
import { ReplayLoop, replayConfig } from '../../../src/core/replay/replay-loop.js';
import type { NotificationIntent } from '../../../src/core/alerts/types.js';
import { HaSim } from './ha-sim.js';

const S = 1000;
const MIN = 60 * S;
const E = 'sensor.cpu';
const PHONE = 'notify.mobile_app_phone';
const ALL = 'notify.all_phones';
const CTX = { scope: 'Server room', cardTitle: 'Server room', tag: 'abcdef0123' };

function section(rules: Record<string, unknown>[], extra: Record<string, unknown> = {}): AlertsConfig {
  const result = parseAlertsConfig({ rules, inhibit: [], ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
const ruleOf = (r: Record<string, unknown>): AlertRule => section([r]).rules[0];
const ok = (tr: ServerTranslation) => {
  if (!tr.ok) throw new Error(`refused: ${tr.message}`);
  return tr.automation;
};

/** Every mapping key anywhere in a value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, out.add(k));
  return out;
}
/** Every trigger anywhere (the automation's and those of wait_for_trigger). */
function triggersOf(config: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [...(config.trigger as Record<string, unknown>[])];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'wait_for_trigger') out.push(...(x as Record<string, unknown>[]));
        walk(x);
      }
    }
  };
  walk(config.action);
  return out;
}

const THRESHOLD = { name: 'cpu_high', type: 'threshold', above: 90, recover_below: 85, for: '2m', group_wait: '0s', notify: [PHONE, { service: ALL, after: '10m' }] };

describe('server rules: translation', () => {
  it('translates a threshold rule into 2024.3-compatible syntax', () => {
    // Arrange
    const rule = ruleOf(THRESHOLD);
    // Act
    const a = ok(automationFor(rule, E, CTX));
    // Assert
    const keys = keysOf(a.config);
    for (const bad of ['triggers', 'actions', 'conditions', 'action_']) expect(keys.has(bad), bad).to.equal(false);
    for (const t of triggersOf(a.config)) expect(t.platform, JSON.stringify(t)).to.be.a('string');
    expect(Object.keys(a.config)).to.deep.equal(['id', 'alias', 'description', 'mode', 'max_exceeded', 'trigger', 'condition', 'action']);
    expect(a.config.trigger).to.deep.equal([{ platform: 'numeric_state', entity_id: E, above: 90, for: { minutes: 2 } }]);
    expect(a.config.mode).to.equal('single');
    expect(a.description).to.contain('“Server room”').and.contain('changes here are overwritten');
    expect(a.id.length).to.be.at.most(100);
    expect(a.id.startsWith(serverScopePrefix(CTX))).to.equal(true);
  });

  it('keeps the id across threshold edits and tells entities and long non-Latin names apart', () => {
    // Arrange
    const a = ruleOf(THRESHOLD);
    const b = ruleOf({ ...THRESHOLD, above: 95, recover_below: 80, for: '5m' });
    const long = ruleOf({ ...THRESHOLD, name: 'Температура серверной комнаты слишком высокая'.repeat(2) });
    const long2 = ruleOf({ ...THRESHOLD, name: 'Температура серверной комнаты слишком высокая!'.repeat(2) });
    // Act
    const ids = [ok(automationFor(a, E, CTX)).id, ok(automationFor(b, E, CTX)).id, ok(automationFor(a, 'sensor.cpu_2', CTX)).id, ok(automationFor(long, E, CTX)).id, ok(automationFor(long2, E, CTX)).id];
    // Assert
    expect(ids[0]).to.equal(ids[1]);
    expect(new Set(ids).size).to.equal(4);
    for (const id of ids) expect(id).to.match(/^ha_vitals_[a-z0-9_]+$/).and.have.length.at.most(100);
  });

  it('uses the browser path tag, notification_id and titles', () => {
    // Arrange
    const rule = ruleOf({ ...THRESHOLD, severity: 'critical', notify: [PHONE, 'persistent_notification.create', { service: ALL, after: '10m', data: { priority: 'high' } }] });
    // Act
    const text = JSON.stringify(ok(automationFor(rule, E, CTX)).config);
    // Assert
    expect(text).to.contain('"tag":"abcdef0123-cpu_high/sensor.cpu"');
    expect(text).to.contain('"notification_id":"ha_vitals_abcdef0123_cpu_high_sensor_cpu"');
    expect(text).to.contain('"title":"CRITICAL: cpu_high on sensor.cpu"');
    expect(text).to.contain('"title":"Escalation: CRITICAL cpu_high on sensor.cpu"');
    expect(text).to.contain('"title":"Resolved: cpu_high on sensor.cpu"');
    expect(text).to.contain('"priority":"high"');
    expect(text).to.contain('Unacknowledged for 10m');
  });

  it('renders the message template with HA templates and escapes literal text', () => {
    // Arrange
    const rule = ruleOf({ ...THRESHOLD, name: 'cpu {{ x }}', message: '{name}: {entity} at {value} ({severity}, {reason}) {% raw %}' });
    // Act
    const text = JSON.stringify(ok(automationFor(rule, E, CTX)).config);
    // Assert
    expect(text).to.contain("{{ 'cpu {{ x }}' }}: sensor.cpu at {{ ((states('sensor.cpu')|float(0))");
    expect(text).to.contain("{{ ') {% raw %}' }}");
    expect(text).to.contain('(warning, ');
  });

  it('uses a template for an outside-range rule and recovery with ≤ / ≥', () => {
    // Arrange
    const rule = ruleOf({ name: 'temp', type: 'threshold', above: 30, below: 10, recover_below: 28, recover_above: 12 });
    // Act
    const a = ok(automationFor(rule, 'sensor.t', CTX));
    // Assert
    expect(a.config.trigger).to.deep.equal([{ platform: 'template', value_template: "{{ is_number(states('sensor.t')) and (states('sensor.t')|float(0) > 30 or states('sensor.t')|float(0) < 10) }}" }]);
    expect(JSON.stringify(a.config)).to.contain("states('sensor.t')|float(0) <= 28 and states('sensor.t')|float(0) >= 12");
  });

  it('translates below, keep_firing_for and no-data "unavailable"', () => {
    // Arrange
    const low = ruleOf({ name: 'low', type: 'threshold', below: 5, keep_firing_for: '3m' });
    const nodata = ruleOf({ name: 'gone', type: 'nodata', when: 'unavailable', for: '5m' });
    // Act
    const a = ok(automationFor(low, E, CTX));
    const b = ok(automationFor(nodata, E, CTX));
    // Assert
    expect(a.config.trigger).to.deep.equal([{ platform: 'numeric_state', entity_id: E, below: 5 }]);
    expect(JSON.stringify(a.config)).to.contain('"for":{"minutes":3}');
    expect(b.config.trigger).to.deep.equal([{ platform: 'template', value_template: "{{ states('sensor.cpu') in ['unavailable', 'unknown'] }}", for: { minutes: 5 } }]);
  });

  it('refuses what Home Assistant cannot do, naming the key', () => {
    // Arrange
    const cases: [Record<string, unknown>, string][] = [
      [{ ...THRESHOLD, m_of_n: '3/5' }, 'm_of_n'],
      [{ name: 'a', type: 'anomaly' }, 'type'],
      [{ name: 't', type: 'trend', min_gradient: 1 }, 'type'],
      [{ name: 'n', type: 'nodata', when: 'silent', max_age: '10m' }, 'when'],
      [{ ...THRESHOLD, group_by: ['alertname'] }, 'group_by'],
      [{ ...THRESHOLD, enabled: false }, 'enabled'],
    ];
    for (const [input, key] of cases) {
      // Act
      const tr = automationFor(ruleOf(input), E, CTX);
      // Assert
      expect(tr.ok, key).to.equal(false);
      if (!tr.ok) expect(tr.key).to.equal(key);
    }
    const trend = automationFor(ruleOf({ name: 't', type: 'trend', min_gradient: 1 }), E, CTX);
    expect(!trend.ok && trend.message).to.contain("Home Assistant's trend helper cannot be created from a card in both supported versions");
  });

  it('serverAutomations: rules with run_in home_assistant × their entities, else the card entities; inhibition refused', () => {
    // Arrange
    const cfg = section([
      { ...THRESHOLD, severity: 'warning' },
      { name: 'cpu_crit', type: 'threshold', above: 99, severity: 'critical', entity: ['sensor.a'] },
      { name: 'browser_only', type: 'threshold', above: 1 },
    ]);
    cfg.rules[0].run_in = 'home_assistant';
    cfg.rules[1].run_in = 'home_assistant';
    const inhibiting = { ...cfg, inhibit: [{ source_severity: 'critical' as const, target_severity: ['warning' as const], equal: ['entity'] }] };
    // Act
    const out = serverAutomations(cfg, ['sensor.a', 'sensor.b'], CTX);
    const inhibited = serverAutomations(inhibiting, ['sensor.a'], CTX);
    // Assert
    expect(out.map((t) => `${t.rule}@${t.entity}:${t.ok}`)).to.deep.equal(['cpu_high@sensor.a:true', 'cpu_high@sensor.b:true', 'cpu_crit@sensor.a:true']);
    expect(inhibited[0]).to.deep.include({ ok: false, key: 'inhibit' });
  });

  it('writes the automations as YAML, refusals as comments', () => {
    // Arrange
    const trs = [automationFor(ruleOf(THRESHOLD), E, CTX), automationFor(ruleOf({ ...THRESHOLD, m_of_n: '2/3' }), E, CTX)];
    // Act
    const yaml = automationsYaml(trs);
    // Assert
    expect(yaml).to.match(/^- id: "ha_vitals_/);
    expect(yaml).to.contain('\n  trigger:\n    - platform: "numeric_state"\n');
    expect(yaml).to.contain('# not run in Home Assistant: cpu_high on sensor.cpu (m_of_n)');
  });
});

// ---------------------------------------------------------------------------------------------
// The same series through the browser rule and through the translated automation.

interface Point {
  t: number;
  v: number | 'unavailable';
}

/** A step series: each point holds until the next; samples every 10 s for the browser (dense evaluation). */
function expand(points: Point[], end: number) {
  const t: number[] = [];
  const v: number[] = [];
  let i = 0;
  for (let at = 0; at <= end; at += 10 * S) {
    while (i + 1 < points.length && points[i + 1].t <= at) i++;
    t.push(at);
    v.push(points[i].v === 'unavailable' ? Number.NaN : (points[i].v as number));
  }
  return { t, v };
}

function browser(rule: Record<string, unknown>, points: Point[], end: number): string[] {
  const cfg = replayConfig(section([rule]));
  const { t, v } = expand(points, end);
  const intents: NotificationIntent[] = [];
  const loop = new ReplayLoop({ id: E, t, v }, cfg, { notifications: true, onEvaluation: (r) => intents.push(...r.intents) });
  loop.step(Infinity);
  return intents.map((i) => `${i.title.split(':')[0].split(' ')[0]} ${i.service} @${i.at / S}s`).sort();
}

function server(rule: Record<string, unknown>, points: Point[], end: number): string[] {
  const a = ok(automationFor(ruleOf(rule), E, CTX));
  const sim = new HaSim(a.config, String(points[0].v), points[0].t);
  sim.play(points.slice(1).map((p) => ({ t: p.t, state: String(p.v) })), end);
  return sim.calls.map((c) => `${c.title.split(':')[0].split(' ')[0]} ${c.service} @${c.at / S}s`).sort();
}

const m = (n: number) => n * MIN;

describe('server rules: same notifications as the browser rule', () => {
  const cases: { name: string; rule: Record<string, unknown>; points: Point[]; end: number; expect: number }[] = [
    {
      name: 'breach shorter than `for`: nothing',
      rule: THRESHOLD,
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(2), v: 60 }],
      end: m(20),
      expect: 0,
    },
    {
      name: 'breach held: firing, no escalation, resolved',
      rule: THRESHOLD,
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(6), v: 60 }],
      end: m(30),
      expect: 2,
    },
    {
      name: 'escalation tier reached, resolved to both tiers',
      rule: THRESHOLD,
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(20), v: 60 }],
      end: m(40),
      expect: 4,
    },
    {
      name: 'hysteresis: hovering between recover_below and above keeps firing',
      rule: THRESHOLD,
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(4), v: 88 }, { t: m(5), v: 91 }, { t: m(6), v: 87 }, { t: m(14), v: 84 }],
      end: m(40),
      expect: 4,
    },
    {
      name: 'keep_firing_for: a dip shorter than it does not resolve; group_wait delays the firing notice',
      rule: { ...THRESHOLD, keep_firing_for: '3m', group_wait: '30s' },
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(4), v: 80 }, { t: m(6), v: 95 }, { t: m(8), v: 80 }, { t: m(12), v: 80.5 }],
      end: m(40),
      expect: 2,
    },
    {
      name: 'keep_firing_for with the escalation tier reached during it',
      rule: { ...THRESHOLD, keep_firing_for: '3m', group_wait: '30s' },
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(11), v: 80 }],
      end: m(40),
      expect: 4,
    },
    {
      name: 'resolved before group_wait: never notified',
      rule: { ...THRESHOLD, group_wait: '1m' },
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(3) + 30 * S, v: 60 }],
      end: m(20),
      expect: 0,
    },
    {
      name: 'two episodes, resolved notice paced by group_interval',
      rule: { ...THRESHOLD, for: '0s' },
      points: [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(2), v: 60 }, { t: m(12), v: 99 }, { t: m(13), v: 10 }],
      end: m(40),
      expect: 4,
    },
    {
      name: 'below, outside-range template',
      rule: { name: 'temp', type: 'threshold', above: 30, below: 10, recover_below: 28, recover_above: 12, for: '1m', group_wait: '0s', notify: [PHONE] },
      points: [{ t: 0, v: 20 }, { t: m(1), v: 5 }, { t: m(3), v: 11 }, { t: m(5), v: 13 }, { t: m(9), v: 31 }, { t: m(9) + 30 * S, v: 29 }, { t: m(11), v: 27 }],
      end: m(30),
      expect: 2,
    },
    {
      name: 'no-data: unavailable held past `for`, then back',
      rule: { name: 'gone', type: 'nodata', when: 'unavailable', for: '5m', group_wait: '0s', notify: [PHONE, { service: ALL, after: '10m' }] },
      points: [{ t: 0, v: 50 }, { t: m(1), v: 'unavailable' }, { t: m(3), v: 51 }, { t: m(4), v: 'unavailable' }, { t: m(20), v: 52 }],
      end: m(40),
      expect: 4,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      // Arrange / Act
      const fromBrowser = browser(c.rule, c.points, c.end);
      const fromServer = server(c.rule, c.points, c.end);
      // Assert
      expect(fromServer).to.deep.equal(fromBrowser);
      expect(fromServer.length).to.equal(c.expect);
    });
  }

  it('documented difference: a gap while pending restarts `for` in Home Assistant', () => {
    // Arrange
    const points: Point[] = [{ t: 0, v: 50 }, { t: m(1), v: 95 }, { t: m(2), v: 'unavailable' }, { t: m(2) + 30 * S, v: 96 }, { t: m(10), v: 60 }];
    // Act
    const fromBrowser = browser(THRESHOLD, points, m(30));
    const fromServer = server(THRESHOLD, points, m(30));
    // Assert
    expect(fromBrowser).to.include(`WARNING ${PHONE} @180s`);
    expect(fromServer).to.include(`WARNING ${PHONE} @270s`);
  });
});
