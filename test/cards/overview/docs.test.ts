import { expect } from '@open-wc/testing';
import { parseAlertsCardConfig } from '../../../src/cards/alerts/config';
import { parseOverviewCardConfig } from '../../../src/cards/overview/config';

describe('docs/cards-alerts-overview.md', () => {
  it('documents every key of both cards with its default', async () => {
    // Arrange
    const doc = await (await fetch('/docs/cards-alerts-overview.md')).text();
    const alertsKeys = Object.keys(parseAlertsCardConfig({ title: 'x' })).filter((k) => k !== 'type');
    const overviewKeys = [...Object.keys(parseOverviewCardConfig({ title: 'x', navigation_path: '/x' })), 'ai', 'system', 'experience'].filter((k) => k !== 'type');
    // Assert
    for (const key of [...alertsKeys, ...overviewKeys]) expect(doc, key).to.include(`| \`${key}\` |`);
    expect(doc).to.include('| `max_items` | `20` |');
    expect(doc).to.include('| `snooze_options` | `[15m, 1h, 4h, 1d]` |');
    expect(doc).to.include('| `baseline` | `7d` |');
    expect(doc).to.include('| `max_insights` | `3` |');
    expect(doc).to.include('| `hours_to_show` | `24` |');
  });
});
