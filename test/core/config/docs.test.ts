import { expect } from '@open-wc/testing';
import { alertRule, RULE_TYPES, COMMON_DEFAULTS, DURATION_LIMITS, MAX_ALERT_SLOTS } from '../../../src/core/config/alerts.js';

async function alertsDoc(): Promise<string> {
  return (await fetch('/docs/alerts.md')).text();
}

describe('docs/alerts.md', () => {
  it('documents every rule key of every type, and the common defaults', async () => {
    // Arrange
    const doc = await alertsDoc();
    const keys = new Set<string>();
    for (const type of RULE_TYPES) {
      const [, rule] = alertRule.validate({ name: 'x', type, above: 1, min_gradient: 1 }, { coerce: true });
      // Act: every key a validated rule of this type has (optional keys are added below).
      for (const key of Object.keys(rule ?? {})) keys.add(key);
    }
    keys.add('max_age').add('message').add('m_of_n').add('limit').add('recover_below').add('recover_above').add('below').add('direction');
    // Assert
    for (const key of keys) expect(doc, key).to.include(`| \`${key}\` |`);
    for (const [key, value] of Object.entries(COMMON_DEFAULTS)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') expect(doc, key).to.include(`| \`${key}\` | \`${value}\``);
    }
  });

  it('documents the limits of every duration, the allow-list, the slot budget and the number bound', async () => {
    // Arrange
    const doc = await alertsDoc();
    const lines = doc.split('\n');
    // Act / Assert
    for (const [key, [min, max]] of Object.entries(DURATION_LIMITS)) {
      const limits = min === '0s' ? `(at most \`${max}\`)` : `(at least \`${min}\`, at most \`${max}\`)`;
      const row = lines.filter((l) => l.includes(`| \`${key}\` |`));
      expect(row.some((l) => l.includes(limits)), `${key}: ${limits}`).to.equal(true);
    }
    expect(doc).to.include('| `allow_services` | `[]` |');
    expect(doc).to.include(`${MAX_ALERT_SLOTS.toLocaleString('en-US')} alert slots`);
    expect(doc).to.include('between -1e15 and 1e15');
  });
});
