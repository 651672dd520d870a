/**
 * How the `retention:` of several cards combine into what the store keeps: per key the largest
 * value asked for (no card loses data it asked for), the default for keys no card sets.
 */
import { expect } from '@open-wc/testing';
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, MIB, combineRetention } from '../../src/ha/retention';

describe('combineRetention', () => {
  it('is the defaults while no card asks', () => {
    // Act
    const retention = combineRetention([]);
    // Assert
    expect(retention).to.deep.equal({ cacheBytes: 20 * MIB, cacheAgeMs: 10 * DAY_MS, liveWindowMs: HOUR_MS });
    expect(retention).to.deep.equal(DEFAULT_RETENTION);
  });

  it('takes, per key, the largest value any card asks for; keys no card sets keep their default', () => {
    // Arrange: a wall-tablet card that keeps less, and a history card that keeps a month.
    const tablet = { cacheBytes: 5 * MIB, liveWindowMs: 2 * HOUR_MS };
    const history = { cacheBytes: 50 * MIB, liveWindowMs: HOUR_MS };
    // Act
    const retention = combineRetention([tablet, history]);
    // Assert
    expect(retention).to.deep.equal({ cacheBytes: 50 * MIB, cacheAgeMs: 10 * DAY_MS, liveWindowMs: 2 * HOUR_MS });
  });

  it('lets cards lower a value below the default when every card that sets it agrees', () => {
    // Act
    const retention = combineRetention([{ cacheBytes: 0 }, { cacheAgeMs: DAY_MS }]);
    // Assert
    expect(retention.cacheBytes).to.equal(0);
    expect(retention.cacheAgeMs).to.equal(DAY_MS);
  });

  it('ignores values that are no finite, non-negative number', () => {
    // Act
    const retention = combineRetention([{ cacheBytes: Number.NaN, cacheAgeMs: -1, liveWindowMs: Infinity }]);
    // Assert
    expect(retention).to.deep.equal(DEFAULT_RETENTION);
  });
});
