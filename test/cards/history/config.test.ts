import { expect } from '@open-wc/testing';
import { parseHistoryCardConfig } from '../../../src/cards/history/config';

describe('history card config', () => {
  it('applies defaults and accepts entity shorthand, durations and a bare forecast limit', () => {
    const config = parseHistoryCardConfig({
      type: 'custom:vitals-history-card',
      entities: ['sensor.cpu', { entity: 'sensor.ram', name: 'RAM', color: '#f00', y_axis: 'right' }],
      compare: '7d',
      forecast: 90,
      thresholds: [{ value: 80, label: 'high' }],
      grid_options: { columns: 12 },
    });
    expect(config.entities).to.deep.equal([{ entity: 'sensor.cpu' }, { entity: 'sensor.ram', name: 'RAM', color: '#f00', y_axis: 'right' }]);
    expect(config.hours_to_show).to.equal(24);
    expect(config.show_anomalies).to.equal(true);
    expect(config.compare).to.equal(7 * 86_400_000);
    expect(config.forecast).to.deep.equal({ limit: 90 });
    expect(config.thresholds).to.deep.equal([{ value: 80, label: 'high' }]);
    expect(config.type).to.equal('custom:vitals-history-card');
  });

  it('accepts a single entity id for entities and fills in the type', () => {
    const config = parseHistoryCardConfig({ entities: 'sensor.cpu', thresholds: { value: 5 } });
    expect(config.entities).to.deep.equal([{ entity: 'sensor.cpu' }]);
    expect(config.thresholds).to.deep.equal([{ value: 5 }]);
    expect(config.type).to.equal('custom:vitals-history-card');
  });

  const cases: [unknown, RegExp][] = [
    [undefined, /must be a mapping/],
    [[], /must be a mapping/],
    [{}, /entities: required/],
    [{ entities: [] }, /entities: expected at least one entity/],
    [{ entities: ['not an id'] }, /entities\[0\]\.entity: expected an entity id like "sensor.cpu", got "not an id"/],
    [{ entities: [{ entity: 'sensor.a', y_axis: 'rigth' }] }, /entities\[0\]\.y_axis: .*did you mean "right"/],
    [{ entities: [{ entity: 'sensor.a', colour: 'red' }] }, /entities\[0\]\.colour: unknown key; did you mean "color"/],
    [{ entities: ['sensor.a'], hours_to_show: 0 }, /hours_to_show: expected a number from 0.1 to/],
    [{ entities: ['sensor.a'], show_anomalies: 'yes' }, /show_anomalies: expected true or false/],
    [{ entities: ['sensor.a'], compare: 'soon' }, /compare: expected a duration/],
    [{ entities: ['sensor.a'], compare: 0 }, /compare: expected a duration like "7d"/],
    [{ entities: ['sensor.a'], forecast: { limt: 90 } }, /forecast\.limit: required/],
    [{ entities: ['sensor.a'], forecast: { limit: 90, entity: 'sensor.b' } }, /forecast\.entity: sensor\.b is not one of the card's entities/],
    [{ entities: ['sensor.a'], thresholds: [{ value: 'high' }] }, /thresholds\[0\]\.value: expected a number/],
    [{ entities: ['sensor.a'], hours: 3 }, /hours: unknown key; did you mean "hours_to_show"\?|hours: unknown key/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input)} naming the key`, () => {
      expect(() => parseHistoryCardConfig(input)).to.throw(message);
    });
  }

  it('puts the card type in front of every message', () => {
    expect(() => parseHistoryCardConfig({})).to.throw(/^vitals-history-card: /);
  });
});
