import { expect, fixture, html } from '@open-wc/testing';
import { VitalsCardBase } from '../../../src/cards/shared/card-base';
import { storeFor, type VitalsStore } from '../../../src/ha/store';
import { FakeConnection, fakeHass } from '../../helpers/fake-connection';

class ProbeCard extends VitalsCardBase<{ entity: string }> {
  starts: VitalsStore[] = [];
  released = 0;
  hassSeen = 0;
  setConfig(config: { entity: string }): void {
    this._config = config;
    this.attach();
  }
  protected override hassChanged(): void {
    this.hassSeen++;
  }
  protected override start(_config: { entity: string }, store: VitalsStore): void {
    this.starts.push(store);
    this.disposers.push(() => this.released++);
  }
}
customElements.define('vitals-probe-card', ProbeCard);

describe('VitalsCardBase', () => {
  it('starts once per connection, not on every hass update, with that connection\'s store, and releases everything when removed', async () => {
    // Arrange
    const card = (await fixture(html`<vitals-probe-card></vitals-probe-card>`)) as ProbeCard;
    card.setConfig({ entity: 'sensor.a' });
    const first = new FakeConnection();
    const second = new FakeConnection();
    // Act: three hass updates on one connection, then a new connection (frontend reload of the socket).
    for (let i = 0; i < 3; i++) card.hass = fakeHass(first);
    card.hass = fakeHass(second);
    card.remove();
    // Assert
    expect(card.hassSeen).to.equal(4);
    expect(card.starts).to.have.length(2);
    expect(card.starts[0]).to.equal(storeFor(first as never));
    expect(card.starts[1]).to.equal(storeFor(second as never));
    expect(card.released).to.equal(2);
  });

  it('does not start without a config, or off the page', async () => {
    // Arrange
    const card = (await fixture(html`<vitals-probe-card></vitals-probe-card>`)) as ProbeCard;
    card.hass = fakeHass(new FakeConnection());
    const detached = new ProbeCard();
    // Act
    detached.setConfig({ entity: 'sensor.a' });
    detached.hass = fakeHass(new FakeConnection());
    // Assert
    expect(card.starts).to.have.length(0);
    expect(detached.starts).to.have.length(0);
  });
});
