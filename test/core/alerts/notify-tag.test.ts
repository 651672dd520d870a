import { expect } from '@open-wc/testing';
import { notifyTagOf, withNotifyTag } from '../../../src/core/alerts/notify-tag';

describe('notify tag placement', () => {
  it('puts the tag under data, next to the platform data a tier sets, without touching the tier', () => {
    // Arrange
    const tier = { target: ['phone'], data: { push: { sound: 'alarm.caf' } } };
    // Act
    const data = withNotifyTag(tier, 'cpu/sensor.cpu');
    // Assert
    expect(data).to.deep.equal({ target: ['phone'], data: { push: { sound: 'alarm.caf' }, tag: 'cpu/sensor.cpu' } });
    expect(tier.data).to.deep.equal({ push: { sound: 'alarm.caf' } });
    expect(notifyTagOf(data)).to.equal('cpu/sensor.cpu');
  });

  it("keeps a tag the tier set itself unless told to replace it (the hub's scope tag replaces the default)", () => {
    // Act
    const own = withNotifyTag({ data: { tag: 'mine' } }, 'cpu/sensor.cpu');
    const replaced = withNotifyTag(withNotifyTag({}, 'cpu/sensor.cpu'), 'abc-cpu/sensor.cpu', true);
    // Assert
    expect(notifyTagOf(own)).to.equal('mine');
    expect(notifyTagOf(replaced)).to.equal('abc-cpu/sensor.cpu');
    expect(Object.keys(replaced)).to.deep.equal(['data']);
  });
});
