import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../helpers/define-cards';
import { cardStyles } from '../../../src/cards/shared/styles';

/** Each card with the smallest config that renders it (no `hass`: the look, not the data), and whether it has a title. */
const CARDS: [string, Record<string, unknown>, boolean][] = [
  ['vitals-metric-card', { entity: 'sensor.cpu' }, false],
  ['vitals-history-card', { entities: ['sensor.cpu'], title: 'History' }, true],
  ['vitals-system-card', { entities: { cpu: 'sensor.cpu' } }, true],
  ['vitals-ux-card', {}, true],
  ['vitals-ai-card', {}, true],
  ['vitals-alerts-card', {}, true],
  ['vitals-overview-card', {}, true],
];

async function render(tag: string, config: Record<string, unknown>) {
  const card = document.createElement(tag) as LitElement & { setConfig(c: unknown): void };
  card.setConfig({ type: `custom:${tag}`, ...config });
  (await fixture(html`<div style="width: 400px; --primary-text-color: rgb(1, 2, 3)"></div>`)).appendChild(card);
  await card.updateComplete;
  return card;
}

describe('cardStyles', () => {
  for (const [tag, config, titled] of CARDS) {
    it(`${tag} draws its card and title with the shared look`, async () => {
      // Arrange + Act
      const card = await render(tag, config);
      // Assert
      const Card = customElements.get(tag) as unknown as typeof LitElement;
      expect(Card.elementStyles).to.include(cardStyles);
      expect(getComputedStyle(card).display).to.equal('block');
      const haCard = getComputedStyle(card.shadowRoot!.querySelector('ha-card')!);
      expect(haCard.boxSizing).to.equal('border-box');
      expect(haCard.color).to.equal('rgb(1, 2, 3)');
      const title = card.shadowRoot!.querySelector('.title');
      expect(title !== null).to.equal(titled);
      const titleStyle = title ? getComputedStyle(title) : undefined;
      expect(titleStyle?.fontSize).to.equal(titled ? '16px' : undefined);
      expect(titleStyle?.fontWeight).to.equal(titled ? '500' : undefined);
    });
  }
});
