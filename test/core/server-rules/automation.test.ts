import { expect } from '@open-wc/testing';
import { parseAlertsConfig, type AlertRule, type AlertsConfig } from '../../../src/core/config/alerts.js';
import { automationFor, automationsYaml, serverAutomations, serverScopePrefix, type ServerTranslation } from '../../../src/core/server-rules/automation.js';
import { ReplayLoop, replayConfig } from '../../../src/core/replay/replay-loop.js';
import type { NotificationIntent } from '../../../src/core/alerts/types.js';
import { HaSim } from './ha-sim.js';
import type { TrendHelperOptions } from '../../../src/core/server-rules/trend-helper.js';

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
      [{ name: 't', type: 'trend', min_gradient: 1, limit: 100 }, 'limit'],
      [{ name: 't', type: 'trend', min_gradient: 1, direction: 'either' }, 'direction'],
      [{ name: 't', type: 'trend', limit: 100 }, 'min_gradient'],
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
    const forecast = automationFor(ruleOf({ name: 't', type: 'trend', min_gradient: 1, limit: 100 }), E, CTX);
    expect(!forecast.ok && forecast.message).to.contain('only compares the gradient with min_gradient');
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

  it("hands a trend rule to Home Assistant's Trend helper and follows its binary sensor", () => {
    // Arrange
    const up = ruleOf({ name: 'leak', type: 'trend', window: '30m', min_gradient: 0.002, min_samples: 8, for: '5m', keep_firing_for: '2m' });
    const down = ruleOf({ name: 'drain', type: 'trend', window: '1h', min_gradient: 0.01, direction: 'down' });
    // Act
    const a = automationFor(up, E, CTX);
    const b = automationFor(down, E, CTX);
    // Assert
    if (!a.ok || !b.ok || !a.helper || !b.helper) throw new Error('refused');
    expect(a.helper.options).to.deep.equal({ entity_id: E, invert: false, sample_duration: 1800, min_gradient: 0.002, min_samples: 8, max_samples: 2048 });
    expect(b.helper.options.min_gradient).to.equal(-0.01);
    expect(a.helper.name).to.match(/^ha_vitals_trend_[0-9a-f]{8}_[0-9a-f]{6}$/);
    expect(a.helper.entityId).to.equal(`binary_sensor.${a.helper.name}`);
    expect(a.automation.config.trigger).to.deep.equal([{ platform: 'state', entity_id: a.helper.entityId, to: 'on', for: { minutes: 5 } }]);
    expect(JSON.stringify(a.automation.config.action)).to.contain(`"value_template":"{{ is_state('${a.helper.entityId}', 'off') }}","for":{"minutes":2}`);
    expect(a.automation.description).to.contain(`Trend helper ${a.helper.entityId}`);
    for (const t of triggersOf(a.automation.config)) expect(t.platform, JSON.stringify(t)).to.be.a('string');
  });

  it("renames the Trend helper when the rule's settings change, not when only its notices do", () => {
    // Arrange
    const base = { name: 'leak', type: 'trend', window: '30m', min_gradient: 0.002 };
    // Act
    const first = automationFor(ruleOf(base), E, CTX);
    const steeper = automationFor(ruleOf({ ...base, min_gradient: 0.004 }), E, CTX);
    const louder = automationFor(ruleOf({ ...base, notify: [PHONE], for: '10m' }), E, CTX);
    // Assert
    if (!first.ok || !steeper.ok || !louder.ok) throw new Error('refused');
    expect(steeper.automation.id).to.equal(first.automation.id);
    expect(steeper.helper!.name).to.not.equal(first.helper!.name);
    expect(steeper.helper!.name.slice(0, 25)).to.equal(first.helper!.name.slice(0, 25)); // the automation's stem
    expect(louder.helper!.name).to.equal(first.helper!.name);
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

  it("writes a trend rule's helper as commented YAML of HA's trend platform, before its automation", () => {
    // Arrange
    const tr = automationFor(ruleOf({ name: 'leak', type: 'trend', window: '30m', min_gradient: 0.002 }), E, CTX);
    // Act
    const yaml = automationsYaml([tr]);
    // Assert
    if (!tr.ok) throw new Error('refused');
    expect(yaml).to.contain(`#   binary_sensor:\n#     - platform: trend\n#       sensors:\n#         ${tr.helper!.name}:\n#           entity_id: sensor.cpu\n#           sample_duration: 1800\n#           min_gradient: 0.002\n`);
    expect(yaml.indexOf('platform: trend')).to.be.below(yaml.indexOf('- id: "ha_vitals_'));
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

// ---------------------------------------------------------------------------------------------
// Trend rules: the browser's TrendDetector and Home Assistant's Trend helper on the same samples.

/**
 * HA's Trend helper (homeassistant/components/trend/binary_sensor.py, the same in 2024.3 and
 * 2026.11): on each new sample, keep the last max_samples, drop those older than
 * now - sample_duration; with at least min_samples, fit a line by least squares (numpy polyfit,
 * degree 1) and be on when |gradient| > |min_gradient| with min_gradient's sign. Fewer samples:
 * the state stays as it was.
 */
function haTrendStates(samples: { t: number; v: number }[], o: TrendHelperOptions): { t: number; state: string }[] {
  const kept: { t: number; v: number }[] = [];
  let state = 'unknown';
  return samples.map((sample) => {
    kept.push(sample);
    if (kept.length > o.max_samples) kept.shift();
    while (kept.length && kept[0].t / 1000 < sample.t / 1000 - o.sample_duration) kept.shift();
    if (kept.length >= o.min_samples) {
      const n = kept.length;
      const mx = kept.reduce((a, p) => a + p.t / 1000, 0) / n;
      const my = kept.reduce((a, p) => a + p.v, 0) / n;
      const g = kept.reduce((a, p) => a + (p.t / 1000 - mx) * (p.v - my), 0) / kept.reduce((a, p) => a + (p.t / 1000 - mx) ** 2, 0);
      state = Math.abs(g) > Math.abs(o.min_gradient) && Math.sign(g || 1) === Math.sign(o.min_gradient || 1) ? 'on' : 'off';
    }
    return { t: sample.t, state };
  });
}

function trendSamples(): { t: number; v: number }[] {
  // Flat (50 with ±0.1 of noise) for 15 min, rising 0.6/min for 10 min, flat again; a sample every 7 s.
  const out: { t: number; v: number }[] = [];
  for (let t = 0; t <= m(45); t += 7 * S) {
    const ramp = Math.min(Math.max(t - m(15), 0), m(10)) / MIN;
    out.push({ t, v: Math.round((50 + 0.6 * ramp + 0.1 * Math.sin(t / 1700)) * 1000) / 1000 });
  }
  return out;
}

describe('server rules: a trend rule notifies as the browser rule does', () => {
  const label = (title: string, service: string, at: number) => `${title.split(':')[0].split(' ')[0]} ${service} @${at / S}s`;

  for (const rule of [
    { name: 'rising', type: 'trend', window: '5m', min_gradient: 0.005, min_samples: 5, for: '1m', group_wait: '0s', notify: [PHONE] },
    { name: 'rising_slowly_noticed', type: 'trend', window: '10m', min_gradient: 0.008, min_samples: 10, for: '2m', keep_firing_for: '1m', group_wait: '0s', notify: [PHONE, { service: ALL, after: '5m' }] },
  ]) {
    it(`${rule.name}: the same notices at the same times`, () => {
      // Arrange
      const samples = trendSamples();
      const tr = automationFor(ruleOf(rule), E, CTX);
      if (!tr.ok || !tr.helper) throw new Error('refused');
      const intents: NotificationIntent[] = [];
      const loop = new ReplayLoop({ id: E, t: samples.map((p) => p.t), v: samples.map((p) => p.v) }, replayConfig(section([rule])), {
        notifications: true,
        onEvaluation: (r) => intents.push(...r.intents),
      });
      const helperStates = haTrendStates(samples, tr.helper.options);
      const sim = new HaSim(tr.automation.config, 'unknown', 0);
      // Act
      loop.step(Infinity);
      sim.play(helperStates, m(60));
      // Assert
      const fromBrowser = intents.map((i) => label(i.title, i.service, i.at)).sort();
      const fromServer = sim.calls.map((c) => label(c.title, c.service, c.at)).sort();
      expect(fromServer).to.deep.equal(fromBrowser);
      expect(fromServer.some((x) => x.startsWith('Resolved'))).to.equal(true);
      expect(fromServer.filter((x) => !x.startsWith('Resolved')).length).to.be.at.least(1);
    });
  }
});
