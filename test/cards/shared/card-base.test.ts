import { expect, fixture, html } from '@open-wc/testing';
import { VitalsCardBase } from '../../../src/cards/shared/card-base';

class ProbeCard extends VitalsCardBase {
  attaches = 0;
  released = 0;
  hassSeen = 0;
  protected override hassChanged(): void {
    this.hassSeen++;
  }
  protected override attach(): void {
    this.detach();
    if (!this._hass || !this.isConnected) return;
    this.attaches++;
    this.disposers.push(() => this.released++);
  }
}
customElements.define('vitals-probe-card', ProbeCard);

describe('VitalsCardBase', () => {
  it('attaches once per connection, not on every hass update, and releases everything when removed', async () => {
    // Arrange
    const card = (await fixture(html`<vitals-probe-card></vitals-probe-card>`)) as ProbeCard;
    const connection = {};
    // Act: three hass updates on one connection, then a new connection (frontend reload of the socket).
    for (let i = 0; i < 3; i++) card.hass = { connection } as never;
    card.hass = { connection: {} } as never;
    card.remove();
    // Assert
    expect(card.hassSeen).to.equal(4);
    expect(card.attaches).to.equal(2);
    expect(card.released).to.equal(2);
  });
});
