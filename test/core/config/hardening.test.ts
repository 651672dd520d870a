import { expect } from '@open-wc/testing';
import { errorsOf, ok } from './helpers.js';
import { parseAlertsConfig, checkSlotBudget, MAX_ALERT_SLOTS } from '../../../src/core/config/alerts.js';
import { didYouMean, describeValue } from '../../../src/core/config/structs.js';
import { formatErrors, formatPath } from '../../../src/core/config/validate.js';


const entities = (n: number) => Array.from({ length: n }, (_, i) => `sensor.s${i}`);
const rules = (n: number, extra: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) => ({ name: `r${i}`, type: 'nodata', ...extra }));

describe('checkSlotBudget', () => {
  it('is 1000 slots', () => {
    expect(MAX_ALERT_SLOTS).to.equal(1000);
  });

  it('reports card-wide rules × entities over the cap, naming alerts and the count', () => {
    // Arrange
    const cfg = ok(rules(200));
    // Act
    const problem = checkSlotBudget(cfg, entities(200));
    // Assert
    expect(problem).to.deep.equal({
      path: 'alerts',
      message: '200 rules × 200 entities = 40,000 alert slots, more than the 1,000 a card may run; give rules an "entity" list or split the card',
    });
    expect(formatErrors([problem!])).to.equal(
      'alerts: 200 rules × 200 entities = 40,000 alert slots, more than the 1,000 a card may run; give rules an "entity" list or split the card',
    );
  });

  it('accepts exactly the cap, and counts a rule with an entity list by its own entities', () => {
    // Arrange
    const wide = ok(rules(10));
    const listed = ok([...rules(2), ...rules(1, { entity: ['sensor.a', 'sensor.b'] }).map((r) => ({ ...r, name: 'listed' }))]);
    // Act
    const atCap = checkSlotBudget(wide, entities(100));
    const small = checkSlotBudget(listed, entities(499));
    const over = checkSlotBudget(listed, entities(500));
    // Assert
    expect(atCap).to.equal(undefined);
    expect(small).to.equal(undefined);
    expect(over?.path).to.equal('alerts');
    expect(over?.message).to.equal(
      '3 rules need 1,002 alert slots (2 card-wide rules × 500 entities + 2 listed entities), more than the 1,000 a card may run; give rules an "entity" list or split the card',
    );
  });

  it('does not count disabled rules or repeated entities', () => {
    // Arrange
    const cfg = ok([...rules(5), ...rules(5, { enabled: false }).map((r) => ({ ...r, name: `off${r.name}` }))]);
    // Act
    const problem = checkSlotBudget(cfg, [...entities(200), ...entities(200)]);
    // Assert
    expect(problem).to.equal(undefined);
  });
});

describe('own-property checks', () => {
  it('reports inherited property names as unknown keys (JSON own __proto__ too)', () => {
    // Arrange
    const input = JSON.parse('[{"name":"a","type":"nodata","__proto__":{"x":1},"constructor":1,"toString":1,"hasOwnProperty":1}]');
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors.map((e) => e.slice(0, e.indexOf(': unknown key;')))).to.deep.equal([
      'alerts[0].__proto__',
      'alerts[0].constructor',
      'alerts[0].toString',
      'alerts[0].hasOwnProperty',
    ]);
  });

  it('reports inherited names as unknown section and tier keys', () => {
    // Arrange
    const input = JSON.parse('{"rules":[{"name":"a","type":"nodata","notify":[{"service":"notify.x","toString":1}]}],"__proto__":[],"valueOf":1}');
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.have.length(3);
    expect(errors[0]).to.match(/^alerts\.rules\[0\]\.notify\[0\]\.toString: unknown key;/);
    expect(errors[1]).to.match(/^alerts\.__proto__: unknown key; expected one of allow_services, rules,/);
    expect(errors[2]).to.match(/^alerts\.valueOf: unknown key;/);
  });

  it('gives the normal enum error for a type named like an Object.prototype member', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      // Arrange
      const input = [{ name: 'a', type }];
      // Act
      const errors = errorsOf(input);
      // Assert
      expect(errors, type).to.deep.equal([`alerts[0].type: expected one of "threshold", "trend", "anomaly", "nodata", got ${JSON.stringify(type)}`]);
    }
  });

  it('does not read sensitivity words or duration units from Object.prototype', () => {
    // Arrange
    const input = [
      { name: 'a', type: 'anomaly', sensitivity: 'toString' },
      { name: 'b', type: 'nodata', for: { constructor: 5 } },
      { name: 'c', type: 'nodata', for: JSON.parse('{"__proto__": 5}') },
    ];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].sensitivity: expected a number from 0 to 1, got "toString"',
      'alerts[1].for: expected a duration like "30s", got a mapping',
      'alerts[2].for: expected a duration like "30s", got a mapping',
    ]);
  });

  it('keeps a label named __proto__ as a label, without changing the prototype', () => {
    // Arrange
    const input = JSON.parse('[{"name":"a","type":"nodata","labels":{"__proto__":"x","room":"attic"}}]');
    // Act
    const labels = ok(input).rules[0].labels;
    // Assert
    expect(Object.getPrototypeOf(labels)).to.equal(Object.prototype);
    expect(Object.hasOwn(labels, '__proto__')).to.equal(true);
    expect(Object.entries(labels)).to.deep.equal([
      ['__proto__', 'x'],
      ['room', 'attic'],
    ]);
  });

  it('explains a key of another rule type only for real keys', () => {
    // Arrange
    const input = [{ name: 'a', type: 'anomaly', toString: 1 }];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors[0]).to.match(/^alerts\[0\]\.toString: unknown key; expected one of name, type,/);
  });
});

describe('cost of unknown keys and long values', () => {
  it('validates a 1 MiB unknown key in under 50 ms and echoes at most ~60 characters of it', () => {
    // Arrange
    const key = 'k'.repeat(1024 * 1024);
    const input = [{ name: 'a', type: 'nodata', [key]: 1 }];
    // Act
    const start = performance.now();
    const result = parseAlertsConfig(input);
    const elapsed = performance.now() - start;
    // Assert
    expect(elapsed).to.be.below(50);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors).to.have.length(1);
    expect(result.errors[0].path).to.equal(`alerts[0].${'k'.repeat(59)}…`);
    expect(result.errors[0].message).to.match(/^unknown key; expected one of name, type,/);
    expect(formatErrors(result.errors).length).to.be.below(1000);
  });

  it('validates a 1 MiB type value quickly without echoing it', () => {
    // Arrange
    const input = [{ name: 'a', type: 't'.repeat(1024 * 1024) }];
    // Act
    const start = performance.now();
    const errors = errorsOf(input);
    const elapsed = performance.now() - start;
    // Assert
    expect(elapsed).to.be.below(50);
    expect(errors).to.deep.equal([`alerts[0].type: expected one of "threshold", "trend", "anomaly", "nodata", got "${'t'.repeat(59)}…"`]);
  });

  it('skips the suggestion for long input, keeps it for short', () => {
    expect(didYouMean('treshold', ['threshold'])).to.equal('threshold');
    expect(didYouMean(`${'x'.repeat(65)}`, ['x'.repeat(64)])).to.equal(undefined);
  });

  it('truncates long strings and keys in paths and values', () => {
    expect(describeValue('a'.repeat(61))).to.equal(`"${'a'.repeat(59)}…"`);
    expect(describeValue('a'.repeat(60))).to.equal(`"${'a'.repeat(60)}"`);
    expect(formatPath(['alerts', 0, 'b'.repeat(100)])).to.equal(`alerts[0].${'b'.repeat(59)}…`);
  });
});

describe('numbers', () => {
  it('rejects non-finite numbers in every number key', () => {
    // Arrange
    const input = [
      { name: 'a', type: 'threshold', above: Number.NaN, below: Number.NEGATIVE_INFINITY, flap_threshold: Number.POSITIVE_INFINITY },
      { name: 't', type: 'trend', min_gradient: Number.NaN, limit: Number.POSITIVE_INFINITY, min_samples: Number.NaN },
      { name: 'n', type: 'anomaly', sensitivity: Number.NaN },
      { name: 'm', type: 'threshold', above: 1, m_of_n: [Number.NaN, Number.POSITIVE_INFINITY] },
    ];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].flap_threshold: expected a whole number from 2 to 1000, got Infinity',
      'alerts[0].above: expected a number between -1e15 and 1e15, got NaN',
      'alerts[0].below: expected a number between -1e15 and 1e15, got -Infinity',
      'alerts[1].min_gradient: expected a number between -1e15 and 1e15, got NaN',
      'alerts[1].limit: expected a number between -1e15 and 1e15, got Infinity',
      'alerts[1].min_samples: expected a whole number from 2 to 100000, got NaN',
      'alerts[2].sensitivity: expected a number from 0 to 1, got NaN',
      'alerts[3].m_of_n: expected "M/N" like "3/5" (M of the last N samples, 1 ≤ M ≤ N), got a list',
    ]);
  });

  it('bounds thresholds, recovery levels, gradients and limits to ±1e15', () => {
    // Arrange
    const input = [
      { name: 'a', type: 'threshold', above: 1e16, recover_below: -2e15 },
      { name: 'b', type: 'threshold', below: '-1e300', recover_above: 1e20 },
      { name: 't', type: 'trend', min_gradient: 1e16, limit: -1e16 },
    ];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].above: expected a number between -1e15 and 1e15, got 10000000000000000',
      'alerts[0].recover_below: expected a number between -1e15 and 1e15, got -2000000000000000',
      'alerts[1].below: expected a number between -1e15 and 1e15, got -1e+300',
      'alerts[1].recover_above: expected a number between -1e15 and 1e15, got 100000000000000000000',
      'alerts[2].min_gradient: expected a number between -1e15 and 1e15, got 10000000000000000',
      'alerts[2].limit: expected a number between -1e15 and 1e15, got -10000000000000000',
    ]);
  });

  it('accepts ±1e15 itself and keeps "expected a number" for text', () => {
    // Arrange / Act
    const cfg = ok([{ name: 'a', type: 'threshold', above: 1e15, below: '-1e15' }]);
    // Assert
    expect(cfg.rules[0]).to.deep.include({ above: 1e15, below: -1e15 });
    expect(errorsOf([{ name: 'a', type: 'threshold', above: 'abc' }])).to.deep.equal(['alerts[0].above: expected a number, got "abc"']);
  });
});
