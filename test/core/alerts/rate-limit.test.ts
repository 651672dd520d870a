import { expect } from '@open-wc/testing';
import { NotificationRateLimit, RATE_LIMIT_ALERT_KEY } from '../../../src/core/alerts/rate-limit';
import type { NotificationIntent } from '../../../src/core/alerts/types';

const T = Date.UTC(2026, 10, 30, 3);

function intent(at: number, service = 'notify.phone', alertKey = 'cpu/sensor.cpu'): NotificationIntent {
  return { id: `i${at}${service}`, channel: 'tier0', service, title: 't', message: 'm', data: {}, reason: 'firing', alertKey, at };
}

describe('NotificationRateLimit', () => {
  it('lets through at most the cap in any hour and counts what it holds back', () => {
    // Arrange
    const limit = new NotificationRateLimit(3);
    // Act
    const admitted = [0, 1, 2, 3, 4].map((k) => limit.admit(intent(T + k * 1000)));
    // Assert
    expect(admitted).to.deep.equal([true, true, true, false, false]);
    expect(limit.holding).to.equal(2);
  });

  it('has room again an hour after the oldest admitted notification', () => {
    // Arrange
    const limit = new NotificationRateLimit(1);
    limit.admit(intent(T));
    // Act / Assert
    expect(limit.admit(intent(T + 3_599_999))).to.equal(false);
    expect(limit.admit(intent(T + 3_600_001))).to.equal(true);
  });

  it('summarises what it held back, once per text service, an hour after the first', () => {
    // Arrange: 17,000 repeats of one alert in a day would be a storm.
    const limit = new NotificationRateLimit(2);
    for (let k = 0; k < 10; k++) limit.admit(intent(T + k * 5));
    limit.admit(intent(T + 60, 'siren.turn_on'));
    // Act
    const early = limit.summaries(T + 1000);
    const due = limit.summaries(T + 3_600_060);
    const again = limit.summaries(T + 7_200_000);
    // Assert
    expect(early).to.deep.equal([]);
    expect(due.map((s) => s.service)).to.deep.equal(['notify.phone', 'persistent_notification.create']);
    expect(due[0].message).to.match(/^8 notifications held back by the limit of 2 per hour \(cpu\/sensor\.cpu\)/);
    expect((due[0].data.data as { tag?: string }).tag).to.equal('ha-vitals-rate-limit');
    expect(due[1].data.notification_id).to.equal('ha_vitals_rate_limit');
    expect(due.every((s) => s.alertKey === RATE_LIMIT_ALERT_KEY && limit.admit(s))).to.equal(true);
    expect(again).to.deep.equal([]);
    expect(limit.summaries(T + 3_600_060)).to.deep.equal([]);
  });

  it('gives a summary the same id on every device', () => {
    // Arrange
    const a = new NotificationRateLimit(1);
    const b = new NotificationRateLimit(1);
    for (const l of [a, b]) [T, T + 1, T + 2].forEach((t) => l.admit(intent(t)));
    // Act / Assert
    expect(a.summaries(T + 3_600_001).map((s) => s.id)).to.deep.equal(b.summaries(T + 3_600_001).map((s) => s.id));
  });
});
