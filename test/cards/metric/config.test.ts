import { expect } from '@open-wc/testing';
import { parseMetricCardConfig } from '../../../src/cards/metric/config';

describe('metric card config: bounded window', () => {
  it('accepts a window from 10 s to 7 days', () => {
    // Act
    const shortest = parseMetricCardConfig({ entity: 'sensor.a', window: '10s' });
    const longest = parseMetricCardConfig({ entity: 'sensor.a', stat: 'p95', window: '7d' });
    // Assert
    expect(shortest.window).to.equal(10_000);
    expect(longest.window).to.equal(7 * 86_400_000);
  });

  for (const window of ['8d', '2w', '5s', 0]) {
    it(`rejects window: ${JSON.stringify(window)} naming the key and the bounds`, () => {
      expect(() => parseMetricCardConfig({ entity: 'sensor.a', window })).to.throw('vitals-metric-card: window: expected a duration from "10s" to "7d"');
    });
  }
});
