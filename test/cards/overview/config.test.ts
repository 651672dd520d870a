import { expect } from '@open-wc/testing';
import { parseOverviewCardConfig } from '../../../src/cards/overview/config';

describe('overview card config: bounded windows and a safe link', () => {
  it('accepts a baseline up to 90 days and a year of hours', () => {
    // Act
    const config = parseOverviewCardConfig({ baseline: '90d', hours_to_show: 8760, navigation_path: '/dashboard-vitals/details?tab=1#top' });
    // Assert
    expect(config.baseline).to.equal(90 * 86_400_000);
    expect(config.hours_to_show).to.equal(8760);
    expect(config.navigation_path).to.equal('/dashboard-vitals/details?tab=1#top');
  });

  const cases: [Record<string, unknown>, string][] = [
    [{ baseline: '91d' }, 'vitals-overview-card: baseline: expected at most 90d, got "91d"'],
    [{ hours_to_show: 9000 }, 'vitals-overview-card: hours_to_show: expected a number from 1 to 8760, got 9000'],
    [{ navigation_path: 'javascript:alert(1)' }, 'navigation_path: expected a dashboard path like "/lovelace/system", got "javascript:alert(1)"'],
    [{ navigation_path: '//evil.example/x' }, 'navigation_path: expected a dashboard path like "/lovelace/system", got "//evil.example/x"'],
    [{ navigation_path: 'https://evil.example/' }, 'navigation_path: expected a dashboard path'],
    [{ navigation_path: '/x"><script>' }, 'navigation_path: expected a dashboard path'],
    [{ navigation_path: '/a b' }, 'navigation_path: expected a dashboard path'],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} naming the key`, () => {
      expect(() => parseOverviewCardConfig(input)).to.throw(message);
    });
  }
});
