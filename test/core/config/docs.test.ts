import { expect } from '@open-wc/testing';
import { alertRule, RULE_TYPES, COMMON_DEFAULTS } from '../../../src/core/config/alerts.js';

describe('docs/alerts.md', () => {
  it('documents every rule key of every type, and the common defaults', async () => {
    // Arrange
    const doc = await (await fetch('/docs/alerts.md')).text();
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
});
