import { expect, fixture, html } from '@open-wc/testing';
import { resolveColour } from '../../../src/cards/shared/theme';

describe('resolveColour', () => {
  it('reads a theme variable for the canvas, with its fallback and then the default', async () => {
    // Arrange
    const el = await fixture(html`<div style="--my-colour: #123456"></div>`);
    // Act / Assert
    expect(resolveColour(el, 'var(--my-colour)', '#000')).to.equal('#123456');
    expect(resolveColour(el, 'var(--missing, #abcdef)', '#000')).to.equal('#abcdef');
    expect(resolveColour(el, 'var(--missing, var(--my-colour))', '#000')).to.equal('#123456');
    expect(resolveColour(el, 'var(--missing)', '#000')).to.equal('#000');
    expect(resolveColour(el, 'rgb(1, 2, 3)', '#000')).to.equal('rgb(1, 2, 3)');
  });
});
