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

describe('metric card config: where its rules run', () => {
  it('refuses a rule that runs in Home Assistant (only an alerts card creates automations), naming the key', () => {
    // Act
    const parse = () => parseMetricCardConfig({ entity: 'sensor.a', alerts: [{ name: 'hot', type: 'threshold', above: 1 }, { name: 'hot2', type: 'threshold', above: 2, run_in: 'home_assistant' }] });
    // Assert
    expect(parse).to.throw('vitals-metric-card: alerts[1].run_in: rules that run in Home Assistant belong in an alerts card');
  });
});
