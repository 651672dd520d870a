/**
 * The visual rule editor's model: every rule round-trips through the form unchanged, a change
 * touches one key, durations convert both ways, tiers keep their shorthand, and the schema's own
 * error messages land at their fields.
 */
import { expect } from '@open-wc/testing';
import {
  ADVANCED_FIELDS,
  COMMON_FIELDS,
  TYPE_FIELDS,
  advancedSchema,
  durationFromForm,
  durationToForm,
  fromFormData,
  mainSchema,
  newRule,
  duplicateRule,
  ruleErrors,
  ruleFieldErrors,
  ruleSchema,
  ruleSummary,
  rulesOf,
  sectionFieldErrors,
  sectionFromFormData,
  sectionToFormData,
  serviceOptions,
  tierFromFormData,
  tierToFormData,
  tiersOf,
  toFormData,
  uniqueName,
  withRules,
  withTiers,
  type RawRule,
} from '../../../src/cards/shared/rule-editor/rule-form';
import { RULE_TYPES, parseAlertsConfig, type RuleType } from '../../../src/core/config/alerts';
import type { FormSchema } from '../../../src/cards/shared/editor';

const COMMON: RawRule = {
  enabled: false,
  entity: 'sensor.cpu',
  severity: 'critical',
  for: '2m',
  keep_firing_for: 90,
  message: '{name} on {entity}: {value}',
  labels: { team: 'ops' },
  notify: ['notify.phone', { service: ['notify.a', 'notify.b'], after: '10m', data: { priority: 'high' }, send_resolved: false, name: 'escalate' }],
  group_by: 'entity',
  group_wait: '1m30s',
  group_interval: '00:05:00',
  repeat_interval: { hours: 4 },
  throttle: '5m',
  flap_threshold: 4,
  flap_window: '10m',
};

/** A rule of each type with every key it takes, in odd-but-valid spellings. */
const FULL: Record<RuleType, RawRule> = {
  threshold: { name: 't', type: 'threshold', ...COMMON, above: 90, below: '10', recover_below: 85, recover_above: 15, m_of_n: [3, 5] },
  trend: { name: 'tr', type: 'trend', ...COMMON, window: '1h', min_gradient: -0.5, direction: 'down', limit: 5, horizon: '2d', min_samples: 8 },
  anomaly: { name: 'a', type: 'anomaly', ...COMMON, sensitivity: 0.6, input: 'rate' },
  nodata: { name: 'n', type: 'nodata', ...COMMON, when: 'silent', max_age: '1h30m' },
};

const flat = (schema: FormSchema[]): FormSchema[] => schema.flatMap((s) => (s.schema ? flat(s.schema) : [s]));
const names = (schema: FormSchema[]) => flat(schema).map((s) => s.name);
const clone = <T>(v: T): T => structuredClone(v);

describe('rule-form: round trip', () => {
  for (const type of RULE_TYPES) {
    it(`${type}: every key (and an unknown one) survives toFormData → fromFormData unchanged`, () => {
      // Arrange
      const rule = { ...clone(FULL[type]), x_unknown: { kept: [1, 2] } };
      const before = clone(rule);
      // Act
      const back = fromFormData(toFormData(rule), rule);
      // Assert
      expect(back).to.deep.equal(before);
      expect(rule, 'the input is not mutated').to.deep.equal(before);
      expect(parseAlertsConfig([FULL[type]]).ok, 'the fixture is a valid rule').to.equal(true);
    });

    it(`${type}: a minimal rule stays minimal (defaults shown, not written)`, () => {
      const rule = newRule(type, []);
      const data = toFormData(rule);
      expect(fromFormData(data, rule)).to.deep.equal(rule);
      expect(data.severity).to.be.a('string');
      expect(data.group_wait).to.deep.equal({ hours: 0, minutes: 0, seconds: 30 });
    });

    it(`${type}: changing any one field changes that key only; clearing an optional field removes it`, () => {
      const rule = clone(FULL[type]);
      const data = toFormData(rule);
      for (const key of [...COMMON_FIELDS, ...TYPE_FIELDS[type], ...ADVANCED_FIELDS]) {
        if (key === 'type') continue;
        const changed: Record<string, unknown> = {
          name: 'renamed',
          enabled: true,
          run_in: 'home_assistant',
          entity: ['sensor.mem'],
          severity: 'info',
          message: 'hi',
          above: 95,
          below: 5,
          recover_below: 80,
          recover_above: 20,
          m_of_n: '2/4',
          min_gradient: 1,
          direction: 'either',
          limit: 7,
          min_samples: 9,
          sensitivity: 'high',
          input: 'value',
          when: 'unavailable',
          group_by: ['alertname'],
          flap_threshold: 7,
          labels: { team: 'dev' },
        };
        const value = key in changed ? changed[key] : { hours: 3, minutes: 0, seconds: 0 };
        // Act
        const next = fromFormData({ ...data, [key]: value }, rule);
        // Assert
        const expected = { ...rule, [key]: key in changed ? changed[key] : '3h' };
        expect(next, `change ${key}`).to.deep.equal(expected);
        if (['name', 'type', 'enabled', 'run_in', 'severity', 'direction', 'input', 'when', 'sensitivity'].includes(key)) continue;
        const cleared = fromFormData({ ...data, [key]: Array.isArray(data[key]) ? [] : undefined }, rule);
        const { [key]: _gone, ...rest } = rule;
        expect(cleared, `clear ${key}`).to.deep.equal(rest);
      }
    });
  }

  it('writes numbers and sensitivity words as the schema takes them', () => {
    const rule: RawRule = { name: 'a', type: 'anomaly' };
    expect(fromFormData({ ...toFormData(rule), sensitivity: '0.3' }, rule)).to.deep.equal({ name: 'a', type: 'anomaly', sensitivity: 0.3 });
    expect(fromFormData({ ...toFormData(rule), sensitivity: 'low' }, rule)).to.deep.equal({ name: 'a', type: 'anomaly', sensitivity: 'low' });
    const t: RawRule = { name: 't', type: 'threshold', above: 1 };
    expect(fromFormData({ ...toFormData(t), above: '2.5' }, t)).to.deep.equal({ name: 't', type: 'threshold', above: 2.5 });
    expect(toFormData({ name: 'm', type: 'threshold', above: 1, m_of_n: { m: 2, n: 3 } }).m_of_n).to.equal('2/3');
  });

  it('switching type drops the old type’s keys and keeps the common ones and unknown keys', () => {
    // Arrange
    const rule: RawRule = { ...clone(FULL.threshold), x_unknown: 1 };
    // Act
    const next = fromFormData({ ...toFormData(rule), type: 'anomaly' }, rule);
    // Assert
    const { above: _a, below: _b, recover_below: _rb, recover_above: _ra, m_of_n: _m, ...common } = rule;
    expect(next).to.deep.equal({ ...common, type: 'anomaly' });
    const { x_unknown: _x, ...known } = next;
    expect(parseAlertsConfig([known]).ok, 'the switched rule validates').to.equal(true);
    const schemaKeys = names(mainSchema('anomaly'));
    expect(schemaKeys).to.include.members(['sensitivity', 'input']).and.not.include('above');
  });

  it('type keys are exactly what the schema rejects on the other types (kept in sync with alerts.ts)', () => {
    for (const type of RULE_TYPES) {
      for (const other of RULE_TYPES) {
        if (other === type) continue;
        for (const key of TYPE_FIELDS[other]) {
          const result = parseAlertsConfig([{ ...newRule(type, []), [key]: FULL[other][key] }]);
          expect(result.ok, `${key} on ${type}`).to.equal(false);
          if (!result.ok) expect(result.errors[0].message).to.contain(`is for type "${other}" rules`);
        }
      }
      expect(parseAlertsConfig([newRule(type, [])]).ok, `new ${type} rule validates`).to.equal(true);
    }
  });

  it('the schema has every field for each type, the advanced ones in an expandable', () => {
    for (const type of RULE_TYPES) {
      const schema = ruleSchema(type, undefined, { runIn: true });
      const expandable = schema.find((s) => s.type === 'expandable')!;
      expect(names(schema).sort()).to.deep.equal([...COMMON_FIELDS, ...TYPE_FIELDS[type], ...ADVANCED_FIELDS].sort());
      expect(names(expandable.schema!)).to.deep.equal(names(advancedSchema()));
      // Only where the card creates automations (the alerts card) is run_in offered.
      expect(names(ruleSchema(type))).not.to.include('run_in');
    }
    const selectors = Object.fromEntries(flat(ruleSchema('threshold', undefined, { unit: '%' })).map((s) => [s.name, s.selector]));
    expect(selectors.entity).to.deep.equal({ entity: { multiple: true } });
    expect(selectors.above).to.deep.equal({ number: { mode: 'box', step: 'any', unit_of_measurement: '%' } });
    expect(selectors.for).to.deep.equal({ duration: { enable_day: true, enable_second: true } });
    expect(selectors.group_wait).to.deep.equal({ duration: { enable_day: false, enable_second: true } });
    expect(selectors.labels).to.deep.equal({ object: {} });
  });
});

describe('rule-form: durations', () => {
  it('converts what people write to HA’s duration value and back', () => {
    expect(durationToForm('1h30m')).to.deep.equal({ hours: 1, minutes: 30, seconds: 0 });
    expect(durationToForm(90)).to.deep.equal({ hours: 0, minutes: 1, seconds: 30 });
    expect(durationToForm('00:05:00')).to.deep.equal({ hours: 0, minutes: 5, seconds: 0 });
    expect(durationToForm('2d3h')).to.deep.equal({ days: 2, hours: 3, minutes: 0, seconds: 0 });
    expect(durationToForm('soon')).to.equal(undefined);
    expect(durationFromForm({ hours: 1, minutes: 30, seconds: 0 })).to.equal('1h30m');
    expect(durationFromForm({ days: 1, hours: 0, minutes: 0, seconds: 5 })).to.equal('1d5s');
    expect(durationFromForm({ hours: 0, minutes: 0, seconds: 0 })).to.equal('0s');
    expect(durationFromForm(undefined)).to.equal(undefined);
  });

  it('an untouched duration keeps its spelling; the same length re-entered is untouched too', () => {
    const rule: RawRule = { name: 't', type: 'threshold', above: 1, for: '120s', group_wait: '00:00:30' };
    const data = toFormData(rule);
    expect(fromFormData(data, rule)).to.deep.equal(rule);
    expect(fromFormData({ ...data, for: { hours: 0, minutes: 2, seconds: 0 } }, rule)).to.deep.equal(rule);
    expect(fromFormData({ ...data, for: { hours: 0, minutes: 3, seconds: 0 } }, rule).for).to.equal('3m');
  });

  it('an invalid duration shows empty and stays as written until the user sets one', () => {
    const rule: RawRule = { name: 't', type: 'threshold', above: 1, for: 'soon' };
    expect(toFormData(rule)).to.not.have.property('for');
    expect(fromFormData(toFormData(rule), rule)).to.deep.equal(rule);
  });
});

describe('rule-form: notification tiers', () => {
  it('keeps the shorthand (a bare service, a list of strings) when untouched', () => {
    for (const notify of ['notify.phone', ['notify.phone', 'notify.tablet'], { service: 'notify.x', after: '5m' }]) {
      const tiers = tiersOf(notify)!;
      const back = tiers.map((tier) => tierFromFormData(tierToFormData(tier), tier));
      expect(withTiers(notify, back)).to.deep.equal(notify);
    }
    expect(tiersOf(undefined)).to.equal(undefined);
  });

  it('a tier with several services, delay, data and name round-trips; an edit touches one key', () => {
    const tier = { service: ['notify.a', 'notify.b'], after: '10m', data: { priority: 'high' }, send_resolved: false, name: 'escalate', x: 1 };
    const data = tierToFormData(tier);
    expect(data).to.deep.equal({ service: ['notify.a', 'notify.b'], after: { hours: 0, minutes: 10, seconds: 0 }, data: { priority: 'high' }, send_resolved: false, name: 'escalate' });
    expect(tierFromFormData(data, tier)).to.deep.equal(tier);
    expect(tierFromFormData({ ...data, after: { hours: 1, minutes: 0, seconds: 0 } }, tier)).to.deep.equal({ ...tier, after: '1h' });
    expect(tierFromFormData({ ...data, service: ['notify.c'] }, tier)).to.deep.equal({ ...tier, service: 'notify.c' });
    const { name: _n, ...noName } = tier;
    expect(tierFromFormData({ ...data, name: '' }, tier)).to.deep.equal(noName);
  });

  it('a bare service becomes a mapping only when more than the service is set', () => {
    expect(tierFromFormData({ ...tierToFormData('notify.a'), service: ['notify.b'] }, 'notify.a')).to.equal('notify.b');
    expect(tierFromFormData({ ...tierToFormData('notify.a'), after: { hours: 0, minutes: 5, seconds: 0 } }, 'notify.a')).to.deep.equal({ service: 'notify.a', after: '5m' });
    expect(tierFromFormData({ ...tierToFormData('notify.a'), service: ['notify.a', 'notify.b'] }, 'notify.a')).to.deep.equal({ service: ['notify.a', 'notify.b'] });
  });

  it('offers notify.* from hass, persistent notifications and what allow_services lets in', () => {
    const services = { notify: { mobile_app_b: {}, mobile_app_a: {} }, siren: { turn_on: {} }, light: { turn_on: {} } };
    expect(serviceOptions(services, ['siren.*', 'script.page_me'])).to.deep.equal([
      'notify.mobile_app_a',
      'notify.mobile_app_b',
      'persistent_notification.create',
      'siren.turn_on',
      'script.page_me',
    ]);
    expect(serviceOptions(undefined)).to.deep.equal(['persistent_notification.create']);
  });
});

describe('rule-form: the section', () => {
  it('keeps the list or mapping form as written', () => {
    const list = [{ name: 'a', type: 'anomaly' }];
    const mapping = { rules: list, reconnect_grace: '5m', x: 1 };
    expect(rulesOf(list)).to.equal(list);
    expect(rulesOf(mapping)).to.equal(list);
    expect(rulesOf(undefined)).to.deep.equal([]);
    expect(rulesOf('nonsense')).to.equal(undefined);
    expect(withRules(list, [])).to.deep.equal([]);
    expect(withRules(mapping, [])).to.deep.equal({ rules: [], reconnect_grace: '5m', x: 1 });
    expect(sectionFromFormData(sectionToFormData(mapping), mapping)).to.deep.equal(mapping);
    expect(sectionFromFormData(sectionToFormData(list), list)).to.equal(list);
  });

  it('a section key set on the list form turns it into the mapping form; an empty inhibit list is a value', () => {
    const list = [{ name: 'a', type: 'anomaly' }];
    const data = sectionToFormData(list);
    expect(data).to.deep.equal({ reconnect_grace: { hours: 0, minutes: 2, seconds: 0 } });
    expect(sectionFromFormData({ ...data, allow_services: ['siren.*'] }, list)).to.deep.equal({ rules: list, allow_services: ['siren.*'] });
    expect(sectionFromFormData({ ...data, inhibit: [] }, list)).to.deep.equal({ rules: list, inhibit: [] });
  });
});

describe('rule-form: new rules', () => {
  it('gives new and duplicated rules unique names', () => {
    const rules = [{ name: 'threshold' }, { name: 'threshold_2' }, { name: 'cpu_copy' }];
    expect(uniqueName('threshold', rules)).to.equal('threshold_3');
    expect(newRule('nodata', rules).name).to.equal('no_data');
    expect(duplicateRule({ name: 'cpu', type: 'threshold', above: 1 }, rules)).to.deep.equal({ name: 'cpu_copy_2', type: 'threshold', above: 1 });
  });
});

describe('rule-form: errors at their fields', () => {
  it('maps the schema’s messages, word for word, to the fields of the rule (list form)', () => {
    // Arrange
    const alerts = [
      { name: 'ok', type: 'anomaly' },
      { name: 'bad', type: 'threshold', above: 'lots', for: '30d', labels: { x: ['a'] }, bogus: 1, notify: ['notify.a', { service: 'lock.unlock', after: 'soon' }] },
    ];
    const result = parseAlertsConfig(alerts);
    const message = (path: string) => (result.ok ? '' : result.errors.find((e) => e.path === path)!.message);
    // Act
    const errors = ruleErrors(alerts, 1);
    // Assert
    expect(errors.fields.above).to.equal(message('alerts[1].above'));
    expect(errors.fields.for).to.equal(message('alerts[1].for'));
    expect(errors.fields.labels).to.equal(`x: ${message('alerts[1].labels.x')}`);
    expect(errors.rule).to.deep.equal([`bogus: ${message('alerts[1].bogus')}`]);
    expect(errors.tiers[1].after).to.equal(message('alerts[1].notify[1].after'));
    expect(ruleErrors(alerts, 0)).to.deep.equal({ fields: {}, rule: [], tiers: {} });
    expect(ruleFieldErrors(alerts, 1).base).to.equal(`bogus: ${message('alerts[1].bogus')}`);
  });

  it('the mapping form: rule-level problems, the allow-list, duplicate names and section keys', () => {
    const alerts = {
      rules: [
        { name: 'a', type: 'threshold' },
        { name: 'b', type: 'trend', limit: 1, notify: { service: 'siren.turn_on' } },
        { name: 'c', type: 'trend' },
      ],
      reconnect_grace: '2h',
      nonsense: 1,
    };
    const errors0 = ruleFieldErrors(alerts, 0);
    const errors1 = ruleErrors(alerts, 1);
    const duplicate = ruleErrors({ rules: [newRule('anomaly', []), newRule('anomaly', [])] }, 1);
    expect(errors0).to.deep.equal({ base: 'a threshold rule needs "above" or "below" (or both)' });
    expect(duplicate.fields.name).to.equal('duplicate rule name "anomaly" (also used by rule 1)');
    expect(ruleErrors(alerts, 2).rule).to.deep.equal(['a trend rule needs "min_gradient" (units per second) or "limit" (forecast target), or both']);
    expect(errors1.tiers[0].service).to.match(/^"siren\.turn_on" is not allowed/);
    const section = sectionFieldErrors(alerts);
    expect(section.reconnect_grace).to.equal('expected at most "1h", got "2h"');
    expect(section.base).to.match(/^nonsense: unknown key/);
  });
});

describe('rule-form: summary', () => {
  it('says in one line what fires and whom it tells', () => {
    expect(ruleSummary({ name: 'c', type: 'threshold', above: 90, for: '2m', notify: 'notify.mobile_app_x' })).to.equal('above 90 for 2m → notify.mobile_app_x');
    expect(ruleSummary({ name: 'c', type: 'threshold', above: 90, below: 10, m_of_n: '3/5' })).to.equal('above 90 or below 10 (3/5 samples) → persistent_notification.create');
    expect(ruleSummary({ name: 'c', type: 'trend', limit: 95, notify: [] })).to.equal('reaches 95 within 24h → no notification');
    expect(ruleSummary({ name: 'c', type: 'anomaly' })).to.equal('anomaly, sensitivity medium → persistent_notification.create');
    expect(ruleSummary({ name: 'c', type: 'nodata', when: 'unavailable', for: '5m', notify: ['notify.a', { service: ['notify.a', 'notify.b'] }] })).to.equal(
      'unavailable or unknown for 5m → notify.a, notify.b',
    );
    expect(ruleSummary({ name: 'c', type: 'threshold' })).to.equal('incomplete');
  });
});
