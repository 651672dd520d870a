import { expect } from '@open-wc/testing';
import { errorsOf, ok } from './helpers.js';
import { durationIn } from '../../../src/core/config/structs.js';
import { parseDuration } from '../../../src/core/config/duration.js';
import { validate } from '../../../src/core/config/validate.js';


const rule = (extra: Record<string, unknown>) => [{ name: 'a', type: 'nodata', ...extra }];

describe('durationIn', () => {
  it('accepts durations within the bounds, in milliseconds', () => {
    // Arrange
    const struct = durationIn(10_000, 3_600_000);
    // Act
    const results = ['10s', '1h', { minutes: 5 }, 60].map((v) => validate(struct, v));
    // Assert
    expect(results.map((r) => r.ok && r.value)).to.deep.equal([10_000, 3_600_000, 300_000, 60_000]);
  });

  it('names the bound in human form when a duration is outside it', () => {
    // Arrange
    const struct = durationIn(60_000, 7 * 86_400_000);
    // Act
    const messages = ['1ms', '8d', 'soon', 1e300, '99999999999999999999999999999999999999999999999999999999999999d'].map((v) => {
      const r = validate(struct, v);
      return r.ok ? 'ok' : r.errors[0].message;
    });
    // Assert
    expect(messages.slice(0, 3)).to.deep.equal(['expected at least "1m", got "1ms"', 'expected at most "7d", got "8d"', 'expected a duration like "30s", got "soon"']);
    expect(messages[3]).to.match(/^expected at most "7d", got /);
    expect(messages[4]).to.match(/^expected at most "7d", got /);
  });
});

describe('parseDuration with huge input', () => {
  it('returns undefined rather than Infinity', () => {
    // Arrange
    const inputs = ['9'.repeat(400), `${'9'.repeat(400)}d`, { days: Number.MAX_VALUE }, Number.MAX_VALUE];
    // Act
    const parsed = inputs.map((v) => parseDuration(v));
    // Assert
    expect(parsed).to.deep.equal([undefined, undefined, undefined, undefined]);
  });
});

describe('alert durations: minimums', () => {
  it('rejects too-short repeat_interval, group_interval, throttle and flap_window, naming the key', () => {
    // Arrange
    const input = rule({ repeat_interval: '1ms', group_interval: '9s', throttle: 0, flap_window: '59s' });
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].group_interval: expected at least "10s", got "9s"',
      'alerts[0].repeat_interval: expected at least "1m", got "1ms"',
      'alerts[0].throttle: expected at least "10s", got "0s"',
      'alerts[0].flap_window: expected at least "1m", got "59s"',
    ]);
  });

  it('accepts the minimums themselves, and keeps the defaults', () => {
    // Arrange
    const input = [...rule({ repeat_interval: '1m', group_interval: '10s', throttle: '10s', flap_window: '1m', group_wait: '1h' }), { name: 'b', type: 'nodata' }];
    // Act
    const cfg = ok(input);
    // Assert
    expect(cfg.rules[0]).to.deep.include({ repeat_interval: 60_000, group_interval: 10_000, throttle: 10_000, flap_window: 60_000, group_wait: 3_600_000 });
    expect(cfg.rules[1]).to.deep.include({ repeat_interval: 14_400_000, group_interval: 300_000, throttle: 300_000, flap_window: 600_000, group_wait: 30_000 });
  });

  it('caps group_wait at 1h', () => {
    expect(errorsOf(rule({ group_wait: '61m' }))).to.deep.equal(['alerts[0].group_wait: expected at most "1h", got "1h1m"']);
  });
});

describe('alert durations: upper bounds', () => {
  it('caps every rule duration', () => {
    // Arrange
    const input = [
      { name: 'a', type: 'nodata', for: '8d', keep_firing_for: '8d', repeat_interval: '8d', throttle: '8d', group_interval: '8d', flap_window: '8d', max_age: '31d' },
      { name: 't', type: 'trend', min_gradient: 1, window: '8d', horizon: '366d' },
      { name: 'n', type: 'nodata', notify: { service: 'notify.x', after: '8d' } },
    ];
    // Act
    const errors = errorsOf(input);
    // Assert
    expect(errors).to.deep.equal([
      'alerts[0].for: expected at most "7d", got "8d"',
      'alerts[0].keep_firing_for: expected at most "7d", got "8d"',
      'alerts[0].group_interval: expected at most "7d", got "8d"',
      'alerts[0].repeat_interval: expected at most "7d", got "8d"',
      'alerts[0].throttle: expected at most "7d", got "8d"',
      'alerts[0].flap_window: expected at most "7d", got "8d"',
      'alerts[0].max_age: expected at most "30d", got "31d"',
      'alerts[1].window: expected at most "7d", got "8d"',
      'alerts[1].horizon: expected at most "365d", got "366d"',
      'alerts[2].notify[0].after: expected at most "7d", got "8d"',
    ]);
  });

  it('accepts the bounds themselves', () => {
    // Arrange
    const input = {
      reconnect_grace: '1h',
      rules: [
        { name: 'a', type: 'nodata', for: '7d', keep_firing_for: '1w', max_age: '30d', notify: { service: 'notify.x', after: '7d' } },
        { name: 't', type: 'trend', min_gradient: 1, window: '7d', horizon: '365d' },
      ],
    };
    // Act
    const cfg = ok(input);
    // Assert
    expect(cfg.reconnect_grace).to.equal(3_600_000);
    expect(cfg.rules[0]).to.deep.include({ for: 604_800_000, keep_firing_for: 604_800_000, max_age: 2_592_000_000 });
    expect(cfg.rules[1]).to.deep.include({ window: 604_800_000, horizon: 31_536_000_000 });
  });

  it('caps reconnect_grace at 1h', () => {
    expect(errorsOf({ rules: [], reconnect_grace: '2h' })).to.deep.equal(['alerts.reconnect_grace: expected at most "1h", got "2h"']);
  });
});
