import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { VitalsAlertsCard } from '../../../src/cards/alerts/vitals-alerts-card';
import { alertHubFor } from '../../../src/ha/alert-hub';
import { storeFor } from '../../../src/ha/store';
import { FakeConnection, fakeHass, sleep } from '../../helpers/fake-connection';
import { hubSetup } from './helpers';

if (!customElements.get('vitals-alerts-card')) customElements.define('vitals-alerts-card', VitalsAlertsCard);

function servedConnection() {
  const connection = new FakeConnection();
  connection.responders.set('history/history_during_period', () => ({}));
  connection.responders.set('recorder/statistics_during_period', () => ({}));
  return connection;
}

async function placedCard() {
  const card = document.createElement('vitals-alerts-card') as VitalsAlertsCard;
  card.setConfig({ type: 'custom:vitals-alerts-card' });
  (await fixture(html`<div></div>`)).appendChild(card);
  return card;
}

describe('HubCardBase', () => {
  it("shows the connection's shared hub, and the new connection's hub after the connection changes", async () => {
    // Arrange
    const first = servedConnection();
    const second = servedConnection();
    const card = await placedCard();
    card.hass = fakeHass(first);
    await waitUntil(() => card.hub !== undefined, 'hub not loaded');
    const firstHub = card.hub;
    // Act
    card.hass = fakeHass(second);
    await waitUntil(() => card.hub !== undefined && card.hub !== firstHub, 'hub not replaced');
    // Assert
    expect(firstHub).to.equal(alertHubFor(storeFor(first as never)));
    expect(card.hub).to.equal(alertHubFor(storeFor(second as never)));
  });

  it('keeps an injected hub when the connection changes', async () => {
    // Arrange
    const setup = hubSetup();
    const card = await placedCard();
    card.hub = setup.hub;
    card.hass = fakeHass(setup.connection);
    // Act
    card.hass = fakeHass(servedConnection());
    await sleep(50);
    // Assert
    expect(card.hub).to.equal(setup.hub);
  });

  it('does not take a hub that finishes loading after the card was removed', async () => {
    // Arrange
    const card = await placedCard();
    card.hass = fakeHass(servedConnection());
    // Act
    card.remove();
    await sleep(50);
    // Assert
    expect(card.hub).to.equal(undefined);
  });
});
