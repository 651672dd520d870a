import { expect } from '@open-wc/testing';
import {
  parseAlertsConfig,
  DEFAULT_RULES,
  defaultAlertsConfig,
  alertRule,
  DEFAULT_INHIBIT,
  type ThresholdRule,
  type TrendRule,
  type AnomalyRule,
} from '../../../src/core/config/alerts.js';
import { validate, formatErrors, formatPath } from '../../../src/core/config/validate.js';

function errorsOf(input: unknown): string[] {
  const result = parseAlertsConfig(input);
  if (result.ok) throw new Error('expected validation to fail');
  return formatErrors(result.errors).split('\n');
}

function ok(input: unknown) {
  const result = parseAlertsConfig(input);
  if (!result.ok) throw new Error(formatErrors(result.errors));
  return result.value;
}

describe('alerts section schema', () => {
  it('fills every default into a minimal threshold rule', () => {
    // Arrange
    const input = [{ name: 'cpu', type: 'threshold', above: 90 }];
    // Act
    const cfg = ok(input);
    // Assert
    const rule = cfg.rules[0] as ThresholdRule;
    expect(rule).to.deep.include({
      name: 'cpu',
      type: 'threshold',
      above: 90,
      enabled: true,
      for: 0,
      keep_firing_for: 0,
      severity: 'warning',
      group_wait: 30_000,
      group_interval: 300_000,
      repeat_interval: 14_400_000,
      throttle: 300_000,
      flap_threshold: 6,
      flap_window: 600_000,
    });
    expect(rule.entity).to.deep.equal([]);
    expect(rule.labels).to.deep.equal({});
    expect(rule.group_by).to.deep.equal(['alertname', 'entity']);
    expect(rule.notify).to.deep.equal([{ service: ['persistent_notification.create'], after: 0, data: {} }]);
    expect(cfg.inhibit).to.deep.equal(DEFAULT_INHIBIT);
    expect(cfg.reconnect_grace).to.equal(120_000);
  });

  it('accepts the mapping form with inhibit rules and grace', () => {
    const cfg = ok({
      rules: [{ name: 'a', type: 'nodata' }],
      inhibit: [{ source_severity: 'critical', target_severity: 'info' }],
      reconnect_grace: '5m',
    });
    expect(cfg.inhibit).to.deep.equal([{ source_severity: 'critical', target_severity: ['info'], equal: ['entity'] }]);
    expect(cfg.reconnect_grace).to.equal(300_000);
    expect(cfg.rules[0]).to.deep.include({ type: 'nodata', for: 0 });
    expect(cfg.rules[0]).not.to.have.property('max_age');
  });

  it('treats a missing section as no rules', () => {
    expect(ok(undefined).rules).to.deep.equal([]);
    expect(ok(null).rules).to.deep.equal([]);
  });

  it('normalises notify tiers: strings, single services, lists, delays and data', () => {
    const cfg = ok({
      allow_services: ['siren.turn_on'],
      rules: [
        {
          name: 'cpu',
          type: 'threshold',
          above: 1,
          notify: [
            'notify.mobile_app_pixel',
            { service: ['notify.all_phones', 'notify.tablet'], after: '10m', data: { priority: 'high' } },
            { service: 'siren.turn_on', after: { minutes: 30 }, send_resolved: false, name: 'siren' },
          ],
        },
      ],
    });
    expect(cfg.rules[0].notify).to.deep.equal([
      { service: ['notify.mobile_app_pixel'], after: 0, data: {} },
      { service: ['notify.all_phones', 'notify.tablet'], after: 600_000, data: { priority: 'high' } },
      { service: ['siren.turn_on'], after: 1_800_000, data: {}, send_resolved: false, name: 'siren' },
    ]);
  });

  it('normalises type-specific fields', () => {
    const cfg = ok([
      { name: 't', type: 'threshold', above: '90', recover_below: 85, m_of_n: '3/5' },
      { name: 'u', type: 'threshold', below: 10, recover_above: 12, m_of_n: [2, 4] },
      { name: 'v', type: 'threshold', below: 10, m_of_n: { m: 1, n: 1 } },
      { name: 'tr', type: 'trend', min_gradient: 0.5, limit: 100, window: '30m' },
      { name: 'an', type: 'anomaly', sensitivity: 'high', entity: 'sensor.cpu', labels: { room: 1 } },
      { name: 'an2', type: 'anomaly', sensitivity: 0.9 },
    ]);
    expect(cfg.rules[0]).to.deep.include({ above: 90, recover_below: 85, m_of_n: { m: 3, n: 5 } });
    expect((cfg.rules[1] as ThresholdRule).m_of_n).to.deep.equal({ m: 2, n: 4 });
    expect((cfg.rules[3] as TrendRule).window).to.equal(1_800_000);
    expect((cfg.rules[3] as TrendRule).horizon).to.equal(86_400_000);
    expect((cfg.rules[3] as TrendRule).min_samples).to.equal(5);
    const an = cfg.rules[4] as AnomalyRule;
    expect(an.sensitivity).to.equal(0.75);
    expect(an.for).to.equal(0); // confirmed by the detector's evidence, not by a duration
    expect(an.entity).to.deep.equal(['sensor.cpu']);
    expect(an.labels).to.deep.equal({ room: '1' });
    expect((cfg.rules[5] as AnomalyRule).sensitivity).to.equal(0.9);
  });

  it('names the path and the expectation for a bad duration', () => {
    const errors = errorsOf([
      { name: 'a', type: 'nodata' },
      { name: 'b', type: 'nodata' },
      { name: 'c', type: 'threshold', above: 1, for: 'soon' },
    ]);
    expect(errors).to.deep.equal(['alerts[2].for: expected a duration like "30s", got "soon"']);
  });

  it('prefixes paths with "alerts" when validating a card section', () => {
    const result = validate(alertRule, { name: 'x', type: 'threshold', above: 1, for: 'soon' }, { path: 'alerts[2]' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(formatErrors(result.errors)).to.equal('alerts[2].for: expected a duration like "30s", got "soon"');
  });

  it('reports unknown keys with a did-you-mean', () => {
    const errors = errorsOf([{ name: 'a', type: 'threshold', above: 1, recover_bellow: 3, sevrity: 'info', zzz: 1 }]);
    expect(errors).to.include('alerts[0].recover_bellow: unknown key; did you mean "recover_below"?');
    expect(errors).to.include('alerts[0].sevrity: unknown key; did you mean "severity"?');
    expect(errors.find((e) => e.startsWith('alerts[0].zzz: unknown key; expected one of name, type,'))).to.be.a('string');
  });

  it('explains keys that belong to another rule type', () => {
    const errors = errorsOf([{ name: 'a', type: 'anomaly', above: 90 }]);
    expect(errors).to.deep.equal(['alerts[0].above: not allowed here: "above" is for type "threshold" rules, this rule has type "anomaly"']);
  });

  it('reports a missing or misspelt type once, with a suggestion', () => {
    expect(errorsOf([{ name: 'a', above: 1 }])).to.deep.equal(['alerts[0].type: required: expected one of "threshold", "trend", "anomaly", "nodata"']);
    expect(errorsOf([{ name: 'a', type: 'treshold', above: 1 }])).to.deep.equal([
      'alerts[0].type: expected one of "threshold", "trend", "anomaly", "nodata", got "treshold"; did you mean "threshold"?',
    ]);
    expect(errorsOf(['cpu'])).to.deep.equal(['alerts[0]: expected a rule (a mapping with name and type), got "cpu"']);
  });

  it('reports wrong value types precisely', () => {
    const errors = errorsOf([
      { name: '', type: 'threshold', above: 'abc', severity: 'urgent', m_of_n: '5/3', entity: 'cpu', notify: [{ service: 'mobile' }], labels: [] },
    ]);
    expect(errors).to.deep.equal([
      'alerts[0].name: expected non-empty text, got ""',
      'alerts[0].entity[0]: expected an entity id like "sensor.cpu", got "cpu"',
      'alerts[0].severity: expected one of "critical", "warning", "info", got "urgent"',
      'alerts[0].labels: expected a mapping of label: value, got a list',
      'alerts[0].notify[0].service[0]: expected a service like "notify.mobile_app_phone", got "mobile"',
      'alerts[0].above: expected a number, got "abc"',
      'alerts[0].m_of_n: expected "M/N" like "3/5" (M of the last N samples, 1 ≤ M ≤ N), got "5/3"',
    ]);
  });

  it('checks combinations of threshold and trend fields', () => {
    expect(errorsOf([{ name: 'a', type: 'threshold' }])).to.deep.equal(['alerts[0]: a threshold rule needs "above" or "below" (or both)']);
    expect(errorsOf([{ name: 'a', type: 'threshold', above: 80, recover_below: 90 }])).to.deep.equal([
      'alerts[0].recover_below: 90 needs "above" and must not be greater than it',
    ]);
    expect(errorsOf([{ name: 'a', type: 'threshold', below: 10, recover_above: 5 }])).to.deep.equal([
      'alerts[0].recover_above: 5 needs "below" and must not be less than it',
    ]);
    expect(errorsOf([{ name: 'a', type: 'threshold', above: 10, below: 90 }])[0]).to.match(/^alerts\[0\]\.above: 10 must be greater than below \(90\)/);
    expect(errorsOf([{ name: 'a', type: 'trend' }])[0]).to.match(/^alerts\[0\]: a trend rule needs "min_gradient"/);
  });

  it('rejects duplicate rule names', () => {
    expect(
      errorsOf([
        { name: 'a', type: 'nodata' },
        { name: 'a', type: 'nodata' },
      ]),
    ).to.deep.equal(['alerts[1].name: duplicate rule name "a" (also used by rule 1)']);
  });

  it('rejects a section that is neither a list nor a mapping, and unknown section keys', () => {
    expect(errorsOf('x')).to.deep.equal(['alerts: expected a mapping, got "x"']);
    expect(errorsOf({ rules: [], inhibits: [] })).to.deep.equal(['alerts.inhibits: unknown key; did you mean "inhibit"?']);
    expect(errorsOf({})).to.deep.equal(['alerts.rules: required: expected a list of rules']);
    const r = parseAlertsConfig({ rules: [{ name: 'a', type: 'nodata', for: 'x' }] }, '');
    expect(r.ok === false && r.errors).to.deep.equal([{ path: 'rules[0].for', message: 'expected a duration like "30s", got "x"' }]);
    const bare = parseAlertsConfig('x', '');
    expect(bare.ok === false && bare.errors[0].path).to.equal('');
  });

  it('does not share default objects between validated configs', () => {
    const a = ok([{ name: 'a', type: 'nodata' }]);
    a.rules[0].group_by.push('mutated');
    a.rules[0].labels.x = 'y';
    const b = ok([{ name: 'a', type: 'nodata' }]);
    expect(b.rules[0].group_by).to.deep.equal(['alertname', 'entity']);
    expect(b.rules[0].labels).to.deep.equal({});
  });
});

describe('DEFAULT_RULES', () => {
  it('is an anomaly rule (confirmed by evidence, no `for`) plus a no-data rule for unavailable entities only', () => {
    expect(DEFAULT_RULES.map((r) => [r.name, r.type, r.for])).to.deep.equal([
      ['anomaly', 'anomaly', 0],
      ['no_data', 'nodata', 300_000],
    ]);
    expect((DEFAULT_RULES[1] as { when: string }).when).to.equal('unavailable');
    expect(ok([{ name: 'n', type: 'nodata' }]).rules[0]).to.include({ when: 'silent' });
    expect(defaultAlertsConfig().rules).to.deep.equal(DEFAULT_RULES);
    expect(Object.isFrozen(DEFAULT_RULES)).to.equal(true);
  });
});

describe('formatPath', () => {
  it('formats indices and keys', () => {
    expect(formatPath(['alerts', 2, 'for'])).to.equal('alerts[2].for');
    expect(formatPath([0, 'x'], 'rules')).to.equal('rules[0].x');
    expect(formatPath([])).to.equal('');
  });
});
