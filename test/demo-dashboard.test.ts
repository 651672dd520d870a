import { expect } from '@open-wc/testing';
import { parse } from 'yaml';
import '../src/ha-vitals';

/** Every card config in a dashboard, however deeply nested in sections, grids and stacks. */
function cardsOf(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(cardsOf);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.type === 'string' && record.type.startsWith('custom:vitals-') ? [record] : [];
  return [...own, ...Object.values(record).flatMap(cardsOf)];
}

describe('the npm start demo dashboard', () => {
  it('has every HA Vitals card, each with a config its card accepts', async () => {
    // Arrange
    const text = await (await fetch('/scripts/demo/dashboard.yaml')).text();
    const cards = cardsOf(parse(text));
    // Act
    const problems = cards.flatMap((config) => {
      const tag = String(config.type).slice('custom:'.length);
      const element = document.createElement(tag) as HTMLElement & { setConfig(c: unknown): void };
      try {
        element.setConfig(config);
        return [];
      } catch (error) {
        return [`${tag}: ${(error as Error).message}`];
      }
    });
    // Assert
    expect(problems).to.deep.equal([]);
    expect(new Set(cards.map((c) => c.type))).to.have.property('size', 7);
  });
});
