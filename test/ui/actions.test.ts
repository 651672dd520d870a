import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import { DOUBLE_TAP_MS, HOLD_MS, actionHandler, hasAction, type ActionTarget } from '../../src/ui/actions';

async function actionable(target: ActionTarget) {
  const host = (await fixture(html`<div></div>`)) as HTMLElement;
  render(html`<div class="row" ${actionHandler(target)}>CPU</div>`, host);
  const row = host.querySelector('.row') as HTMLElement;
  const fired: { action: string; config: Record<string, unknown> }[] = [];
  host.addEventListener('hass-action', (e) => fired.push((e as CustomEvent).detail));
  return { host, row, fired };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const press = (el: HTMLElement) => el.dispatchEvent(new PointerEvent('pointerdown', { button: 0, bubbles: true }));

describe('ui/actions', () => {
  it('a tap on an entity row asks Home Assistant for the action (more-info by default), as a button reachable by keyboard', async () => {
    // Arrange
    const { row, fired } = await actionable({ entity: 'sensor.cpu' });
    // Act
    row.click();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // Assert
    expect(fired).to.deep.equal([
      { action: 'tap', config: { entity: 'sensor.cpu', tap_action: undefined, hold_action: undefined, double_tap_action: undefined } },
      { action: 'tap', config: { entity: 'sensor.cpu', tap_action: undefined, hold_action: undefined, double_tap_action: undefined } },
    ]);
    expect(row.getAttribute('role')).to.equal('button');
    expect(row.tabIndex).to.equal(0);
  });

  it('a long press is a hold, and the click that ends it is not also a tap', async () => {
    // Arrange
    const hold = { action: 'navigate' as const, navigation_path: '/config' };
    const { row, fired } = await actionable({ entity: 'sensor.cpu', hold_action: hold });
    // Act
    press(row);
    await sleep(HOLD_MS + 50);
    row.click();
    // Assert
    expect(fired.map((f) => f.action)).to.deep.equal(['hold']);
    expect(fired[0].config.hold_action).to.deep.equal(hold);
  });

  it('two taps close together are a double tap when one is configured; a single tap waits for it', async () => {
    // Arrange
    const { row, fired } = await actionable({ entity: 'sensor.cpu', double_tap_action: { action: 'more-info' } });
    // Act
    row.click();
    row.click();
    await sleep(DOUBLE_TAP_MS + 50);
    row.click();
    await sleep(DOUBLE_TAP_MS + 50);
    // Assert
    expect(fired.map((f) => f.action)).to.deep.equal(['double_tap', 'tap']);
  });

  it('`none` and rows without an entity do nothing and are no buttons', async () => {
    // Arrange
    const { row, fired } = await actionable({ entity: 'sensor.cpu', tap_action: { action: 'none' } });
    const plain = await actionable({});
    // Act
    row.click();
    plain.row.click();
    // Assert
    expect(fired).to.deep.equal([]);
    expect(plain.fired).to.deep.equal([]);
    expect(plain.row.hasAttribute('tabindex')).to.equal(false);
    expect(hasAction({ entity: 'a.b' }, 'double_tap')).to.equal(false);
  });
});
