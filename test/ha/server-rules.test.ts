import { expect } from '@open-wc/testing';
import { canonicalAutomation, syncServerRules } from '../../src/ha/server-rules';
import type { ServerTranslation } from '../../src/core/server-rules/automation';

/** Home Assistant's config API as a map of stored automations, newer HA's re-spelling included. */
function fakeApi(stored: Record<string, Record<string, unknown>> = {}, respell = false) {
  const calls: string[] = [];
  return {
    calls,
    stored,
    async callApi<T>(method: string, path: string, body?: Record<string, unknown>): Promise<T> {
      calls.push(`${method} ${path}`);
      const id = decodeURIComponent(path.split('/').pop()!);
      if (method === 'GET') {
        if (!stored[id]) throw Object.assign(new Error('Resource not found'), { status_code: 404 });
        return stored[id] as T;
      }
      if (method === 'POST') {
        const { trigger, condition, action, ...rest } = body!;
        stored[id] = respell ? { ...rest, triggers: trigger, conditions: condition, actions: (action as Record<string, unknown>[]).map((a) => ('service' in a ? { ...a, action: a.service, service: undefined } : a)) } : body!;
        if (respell) for (const a of stored[id].actions as Record<string, unknown>[]) delete a.service;
        return { result: 'ok' } as T;
      }
      delete stored[id];
      return { result: 'ok' } as T;
    },
  };
}

const translation = (id: string, above: number): ServerTranslation => ({
  ok: true,
  rule: 'cpu',
  entity: 'sensor.cpu',
  notes: [],
  automation: { id, alias: 'a', description: 'd', config: { id, alias: 'a', description: 'd', mode: 'single', trigger: [{ platform: 'numeric_state', entity_id: 'sensor.cpu', above }], condition: [], action: [{ service: 'notify.phone', data: { message: 'm' } }] } },
});

describe('server rules: keeping HA automations in step', () => {
  it('creates a missing automation, then leaves it alone although newer HA stores it in its own syntax', async () => {
    // Arrange
    const api = fakeApi({}, true);
    // Act
    const first = await syncServerRules(api, {}, [translation('ha_vitals_x_cpu', 90)], 'ha_vitals_x_');
    const second = await syncServerRules(api, { 'automation.cpu': { attributes: { id: 'ha_vitals_x_cpu' } } }, [translation('ha_vitals_x_cpu', 90)], 'ha_vitals_x_');
    // Assert
    expect(first.written).to.equal(1);
    expect(second.written).to.equal(0);
    expect(second.running).to.deep.equal([{ id: 'ha_vitals_x_cpu', rule: 'cpu', entity: 'sensor.cpu', entityId: 'automation.cpu' }]);
    expect(api.calls.filter((c) => c.startsWith('POST'))).to.have.length(1);
  });

  it('rewrites an automation whose rule changed, and reports automations of this card whose rule is gone', async () => {
    // Arrange
    const api = fakeApi();
    await syncServerRules(api, {}, [translation('ha_vitals_x_cpu', 90), translation('ha_vitals_x_old', 1)], 'ha_vitals_x_');
    const states = { 'automation.cpu': { attributes: { id: 'ha_vitals_x_cpu' } }, 'automation.old': { attributes: { id: 'ha_vitals_x_old' } }, 'automation.other_card': { attributes: { id: 'ha_vitals_y_cpu' } } };
    // Act
    const status = await syncServerRules(api, states, [translation('ha_vitals_x_cpu', 95)], 'ha_vitals_x_');
    // Assert
    expect(status.written).to.equal(1);
    expect((api.stored.ha_vitals_x_cpu.trigger as { above: number }[])[0].above).to.equal(95);
    expect(status.orphans).to.deep.equal([{ id: 'ha_vitals_x_old', entityId: 'automation.old' }]);
  });

  it('reports what HA refused to save and the rules it cannot run, instead of throwing', async () => {
    // Arrange
    const api = { callApi: async (method: string) => { if (method === 'POST') throw { body: { message: 'Message malformed: extra keys not allowed' } }; throw new Error('404'); } };
    // Act
    const status = await syncServerRules(api as never, {}, [translation('ha_vitals_x_cpu', 90), { ok: false, rule: 'odd', key: 'type', message: 'anomaly rules run in the browser' }], 'ha_vitals_x_');
    // Assert
    expect(status.errors).to.deep.equal(['cpu on sensor.cpu: Message malformed: extra keys not allowed']);
    expect(status.refused).to.deep.equal([{ rule: 'odd', entity: undefined, key: 'type', message: 'anomaly rules run in the browser' }]);
    expect(status.running).to.deep.equal([]);
  });

  it('compares automations whatever syntax generation they are written in', () => {
    // Assert
    expect(canonicalAutomation({ trigger: [{ platform: 'state' }], action: [{ service: 'notify.x' }] })).to.equal(canonicalAutomation({ actions: [{ action: 'notify.x' }], triggers: [{ platform: 'state' }] }));
    expect(canonicalAutomation({ trigger: [{ above: 1 }] })).not.to.equal(canonicalAutomation({ trigger: [{ above: 2 }] }));
  });
});
