import { expect } from '@open-wc/testing';
import { parseSystemCardConfig } from '../../../src/cards/system/config';

describe('system card config: bounded window', () => {
  it('accepts up to a year of hours and rejects more, naming the key', () => {
    // Act
    const year = parseSystemCardConfig({ entities: { cpu: 'sensor.cpu' }, hours_to_show: 8760 });
    const tooLong = () => parseSystemCardConfig({ entities: { cpu: 'sensor.cpu' }, hours_to_show: 8761 });
    // Assert
    expect(year.hours_to_show).to.equal(8760);
    expect(tooLong).to.throw('vitals-system-card: hours_to_show: expected a number from 1 to 8760, got 8761');
  });
});
