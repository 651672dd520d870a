import { expect } from '@open-wc/testing';
import { parseAlertsCardConfig } from '../../../src/cards/alerts/config';
import { notifyLine } from '../../../src/cards/alerts/model';
import type { HubAlert } from '../../../src/ha/alert-hub';
import type { Delivery } from '../../../src/ha/notify/types';

const T = new Date(2026, 10, 30, 14, 3).getTime();

describe('alerts card config', () => {
  it('refuses more rule × entity slots than a card may run, naming alerts', () => {
    // Arrange: 200 rules on 200 entities = 40,000 slots.
    const entities = Array.from({ length: 200 }, (_, k) => `sensor.e${k}`);
    const alerts = Array.from({ length: 200 }, (_, k) => ({ name: `r${k}`, type: 'threshold', above: k }));
    // Act / Assert
    expect(() => parseAlertsCardConfig({ type: 'custom:vitals-alerts-card', entities, alerts })).to.throw(/^vitals-alerts-card: alerts: .*40,000 alert slots/);
  });

  it('refuses a rule that would call lock.unlock unless the card allows it', () => {
    // Arrange
    const alerts = { rules: [{ name: 'x', type: 'threshold', above: 1, notify: ['lock.unlock'] }] };
    // Act / Assert
    expect(() => parseAlertsCardConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.a'], alerts })).to.throw(/alerts\.rules\[0\]\.notify\[0\]\.service: "lock\.unlock" is not allowed/);
    expect(parseAlertsCardConfig({ type: 'custom:vitals-alerts-card', entities: ['sensor.a'], alerts: { ...alerts, allow_services: ['lock.unlock'] } }).alerts.allow_services).to.deep.equal(['lock.unlock']);
  });
});

function alert(over: Partial<HubAlert> = {}): HubAlert {
  return {
    key: 'cpu/sensor.cpu', rule: 'cpu', seriesId: 'sensor.cpu', severity: 'critical', labels: {}, state: 'firing', active: true, value: 95, score: 0,
    firedAt: T - 60_000, acknowledged: false, snoozed: false, silenced: false, inhibitedBy: [], flapping: false, notifyReason: 'notified', scope: 's', ...over,
  };
}

function delivery(reason: Delivery['reason'], detail?: string): Delivery {
  return {
    intent: { id: 'hv2-1', channel: 'tier0', service: 'notify.mobile_app_x', title: '', message: '', data: {}, reason: 'firing', alertKey: 'cpu/sensor.cpu', at: T - 60_000 },
    scope: 's', reason, at: T, ...(detail ? { detail } : {}),
  };
}

const none = { deliveries: [], shared: {}, sentBy: () => undefined };

describe('notifyLine: why an alert did or did not notify', () => {
  it('names the device that sent it, from the shared record', () => {
    // Arrange
    const facts = { deliveries: [delivery('other-device')], shared: {}, sentBy: () => ({ service: 'notify.mobile_app_x', alertKey: 'cpu/sensor.cpu', at: T, device: 'dev-1', deviceName: 'kitchen-tablet' }) };
    // Act / Assert
    expect(notifyLine(alert(), facts, T)).to.equal('sent by kitchen-tablet 2:03 PM via notify.mobile_app_x');
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('sent')] }, T)).to.equal('sent from this device 2:03 PM via notify.mobile_app_x');
  });

  it('says who acknowledged or snoozed it, and on which device', () => {
    // Arrange
    const acked = alert({ acknowledged: true, ack: { at: T, by: 'Ann' } });
    const snoozed = alert({ snoozed: true, snoozedUntil: new Date(2026, 10, 30, 16, 0).getTime() });
    const shared = { snooze: { until: 0, at: T, device: 'd', by: 'Bob', deviceName: 'phone' } };
    // Act / Assert
    expect(notifyLine(acked, { ...none, shared: { ack: { episode: 1, acked: true, at: T, device: 'd', by: 'Ann', deviceName: 'phone' } } }, T)).to.equal('not sent: acknowledged by Ann (phone)');
    expect(notifyLine(snoozed, { ...none, shared }, T)).to.equal('not sent: snoozed until 4:00 PM by Bob (phone)');
  });

  it('explains refused, rate-limited, quietened and failed deliveries', () => {
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('refused-service')] }, T)).to.equal('not sent: notify.mobile_app_x is not allowed (add it to alerts.allow_services)');
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('rate-limited', 'over 60 notifications per hour')] }, T)).to.equal('not sent 2:03 PM: over 60 notifications per hour; a summary follows');
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('acknowledged', 'acknowledged by Ann')] }, T)).to.equal('not sent 2:03 PM: acknowledged by Ann');
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('failed', 'Service not found')] }, T)).to.equal('failed 2:03 PM via notify.mobile_app_x: Service not found');
    expect(notifyLine(alert(), { ...none, deliveries: [delivery('other-tab')] }, T)).to.equal('sent by another tab of this browser 2:03 PM via notify.mobile_app_x');
  });

  it('tells a pending alert is waiting, and says nothing for a quiet one', () => {
    expect(notifyLine(alert({ state: 'pending' }), none, T)).to.equal('not sent: pending (the rule waits for "for")');
    expect(notifyLine(alert({ state: 'inactive' }), none, T)).to.equal(undefined);
    expect(notifyLine(alert({ silenced: true }), none, T)).to.equal('not sent: silenced');
    expect(notifyLine(alert({ inhibitedBy: ['x'] }), none, T)).to.equal('not sent: inhibited by a more severe alert');
    expect(notifyLine(alert({ flapping: true }), none, T)).to.equal('not sent: flapping (a summary follows when it is stable)');
    expect(notifyLine(alert({ notifyReason: 'grouping' }), none, T)).to.equal('not sent yet: waiting for group_wait');
    expect(notifyLine(alert({ notifyReason: 'throttled' }), none, T)).to.equal('not sent: throttled (a summary follows when the throttle ends)');
  });
});
