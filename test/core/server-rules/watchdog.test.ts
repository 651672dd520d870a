import { expect } from '@open-wc/testing';
import { parseAlertsConfig } from '../../../src/core/config/alerts';
import { EVALUATED_SENSOR, watchdogAutomation } from '../../../src/core/server-rules/watchdog';

const parse = (rules: unknown) => {
  const result = parseAlertsConfig(rules);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const CTX = { scope: 'Rack', cardTitle: 'Rack', tag: 'abcdef0123' };

describe('watchdog automation', () => {
  it('notifies the browser rules\' first tier when the shared heartbeat expires, and again when it is back', () => {
    // Arrange
    const config = parse([
      { name: 'odd', type: 'anomaly', notify: ['notify.phone', { service: 'notify.all', after: '10m' }] },
      { name: 'hot', type: 'threshold', above: 90, run_in: 'home_assistant', notify: ['notify.pager'] },
    ]);
    // Act
    const automation = watchdogAutomation(config, CTX)!;
    // Assert
    const c = automation.config as { id: string; trigger: { platform: string; entity_id: string; to?: string; from?: string }[]; action: { choose: { sequence: { service: string; data: Record<string, unknown> }[] }[] }[] };
    expect(c.id).to.equal(automation.id);
    expect(automation.id).to.match(/^ha_vitals_rack_[0-9a-f]{6}_watchdog$/);
    expect(c.trigger.map((t) => [t.platform, t.entity_id, t.to ?? null, t.from ?? null])).to.deep.equal([
      ['state', EVALUATED_SENSOR, 'unavailable', null],
      ['state', EVALUATED_SENSOR, null, 'unavailable'],
    ]);
    const [stopped, resumed] = c.action[0].choose;
    expect(stopped.sequence.map((s) => s.service)).to.deep.equal(['notify.phone']);
    expect(String(stopped.sequence[0].data.message)).to.match(/^HA Vitals: no dashboard has evaluated the rules odd since \{\{/);
    expect(stopped.sequence[0].data.data).to.deep.equal({ tag: 'abcdef0123-watchdog' });
    expect(String(resumed.sequence[0].data.message)).to.equal('HA Vitals: a dashboard evaluates the rules odd again.');
  });

  it('is not needed when every rule runs in Home Assistant, and falls back to a persistent notification', () => {
    // Act
    const none = watchdogAutomation(parse([{ name: 'hot', type: 'threshold', above: 90, run_in: 'home_assistant' }]), CTX);
    const quiet = watchdogAutomation(parse([{ name: 'odd', type: 'anomaly', notify: [] }]), CTX)!;
    // Assert
    expect(none).to.equal(undefined);
    const services = (quiet.config.action as { choose: { sequence: { service: string }[] }[] }[])[0].choose[0].sequence.map((s) => s.service);
    expect(services).to.deep.equal(['persistent_notification.create']);
  });
});
