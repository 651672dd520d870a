import { expect } from '@open-wc/testing';
import { resendLostRebuilds } from '../../src/ha/lost-rebuilds';

// Stand-in for Home Assistant's hui-error-card: what HA 2024.x sets on it (`_config`).
class FakeErrorCard extends HTMLElement {
  _config?: { type: 'error'; error: string; origConfig: { type: string } };
}
if (!customElements.get('hui-error-card')) customElements.define('hui-error-card', FakeErrorCard);

// Our card tags, defined (as the entry defines them before looking)
for (const tag of ['lr-metric-card', 'lr-alerts-card', 'lr-history-card', 'lr-system-card']) {
  if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorCard(type: string, error = `Custom element doesn't exist: ${type.replace('custom:', '')}.`): FakeErrorCard {
  const card = document.createElement('hui-error-card') as FakeErrorCard;
  card._config = { type: 'error', error, origConfig: { type } };
  return card;
}

/** A page like HA's: the rebuild listener (hui-root) outside the shadow root the card sits in. */
function page() {
  const root = document.createElement('div');
  const rebuilds: EventTarget[] = [];
  root.addEventListener('ll-rebuild', (ev) => rebuilds.push(ev.composedPath()[0]));
  const view = document.createElement('div');
  const shadow = view.attachShadow({ mode: 'open' });
  const column = document.createElement('div');
  shadow.append(column);
  root.append(view);
  document.body.append(root);
  return { root, column, rebuilds, remove: () => root.remove() };
}

describe('ha/lost-rebuilds', () => {
  it('repeats the rebuild for an error card of ours that reached the page after its tag was defined', async () => {
    // Arrange: HA created the error card (tag not yet defined) but has not attached it yet
    const p = page();
    const card = errorCard('custom:lr-metric-card');
    // Act: our tags are defined now; the view attaches the card a little later
    const done = resendLostRebuilds(['lr-metric-card'], [0, 30, 80]);
    await sleep(10);
    p.column.append(card);
    await done;
    // Assert: exactly one rebuild, from that card, reached the listener outside the shadow root
    expect(p.rebuilds).to.deep.equal([card]);
    p.remove();
  });

  it('leaves alone error cards of other cards and our own configuration errors', async () => {
    // Arrange
    const p = page();
    p.column.append(
      errorCard('custom:mini-graph-card'),
      errorCard('custom:lr-alerts-card', 'lr-alerts-card: alerts[0].notify[0].service: "lock.unlock" is not allowed'),
    );
    // Act
    await resendLostRebuilds(['lr-metric-card', 'lr-alerts-card'], [0, 20]);
    // Assert
    expect(p.rebuilds).to.have.length(0);
    p.remove();
  });

  it('asks once per error card, even when the card stays', async () => {
    // Arrange: an error card already on the page whose rebuild HA ignores (it stays)
    const p = page();
    const card = errorCard('custom:lr-history-card');
    p.column.append(card);
    // Act
    await resendLostRebuilds(['lr-history-card'], [0, 10, 20, 30]);
    // Assert
    expect(p.rebuilds).to.deep.equal([card]);
    p.remove();
  });

  it('waits for an error card HA has not configured yet (its own code still loading)', async () => {
    // Arrange: HA 2024.x upgrades and configures hui-error-card only once its chunk has loaded
    const p = page();
    const card = document.createElement('hui-error-card') as FakeErrorCard;
    p.column.append(card);
    // Act
    const done = resendLostRebuilds(['lr-system-card'], [0, 40]);
    await sleep(10);
    const beforeConfig = p.rebuilds.length;
    card._config = { type: 'error', error: "Custom element doesn't exist: lr-system-card.", origConfig: { type: 'custom:lr-system-card' } };
    await done;
    // Assert
    expect(beforeConfig).to.equal(0);
    expect(p.rebuilds).to.deep.equal([card]);
    p.remove();
  });
});
