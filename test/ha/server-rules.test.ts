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

// ---------------------------------------------------------------------------------------------
// Trend helpers

import { automationFor } from '../../src/core/server-rules/automation';
import { parseAlertsConfig } from '../../src/core/config/alerts';
import { removeServerAutomation } from '../../src/ha/server-rules';

type Entry = { entry_id: string; domain: string; title: string; options: Record<string, unknown> };

/**
 * Home Assistant's trend config flow and options flow as both versions run them (schema flows:
 * a field the step does not list is refused as an extra key; an optional field of the step left
 * out is dropped from the options). 2026.11's settings and options steps also list `entity_id`.
 */
function fakeHaWithTrend(version: '2024.3' | '2026.11', failOptions = false) {
  const automations = fakeApi();
  const entries: Entry[] = [];
  const flows = new Map<string, { kind: 'config' | 'options'; step: string; entry?: Entry; options: Record<string, unknown> }>();
  const registry = new Map<string, string>(); // entity id → entry id
  const calls: string[] = [];
  let n = 0;
  const base = version === '2026.11' ? ['entity_id', 'attribute', 'invert'] : ['attribute', 'invert'];
  const schemas: Record<string, string[]> = { user: ['name', 'entity_id'], settings: base, init: [...base, 'max_samples', 'min_samples', 'min_gradient', 'sample_duration'] };
  const form = (flowId: string, step: string) => ({ flow_id: flowId, type: 'form', step_id: step, data_schema: schemas[step].map((name) => ({ name })), errors: {} });
  const answer = (step: string, options: Record<string, unknown>, input: Record<string, unknown>) => {
    for (const key of Object.keys(input)) if (!schemas[step].includes(key)) throw { body: { message: `extra keys not allowed @ data['${key}']` } };
    Object.assign(options, input);
    if (step !== 'user') for (const key of schemas[step]) if (!(key in input)) delete options[key];
  };
  const api = {
    calls,
    entries,
    registry,
    stored: automations.stored,
    connection: {
      async sendMessagePromise<T>(msg: { type: string; entity_id?: string }): Promise<T> {
        const entryId = registry.get(msg.entity_id ?? '');
        if (msg.type !== 'config/entity_registry/get' || !entryId) throw new Error('not_found');
        return { entity_id: msg.entity_id, config_entry_id: entryId, platform: 'trend' } as T;
      },
    },
    async callApi<T>(method: string, path: string, body: Record<string, unknown> = {}): Promise<T> {
      calls.push(`${method} ${path}`);
      if (path.startsWith('config/automation/')) return automations.callApi<T>(method, path, body);
      if (method === 'GET' && path === 'config/config_entries/entry?domain=trend') return entries.map(({ options: _o, ...e }) => e) as T;
      if (method === 'DELETE' && path.startsWith('config/config_entries/entry/')) {
        const i = entries.findIndex((e) => e.entry_id === path.split('/').pop());
        entries.splice(i, 1);
        return { require_restart: false } as T;
      }
      if (method === 'POST' && (path === 'config/config_entries/flow' || path === 'config/config_entries/options/flow')) {
        const flowId = `f${++n}`;
        const options = path.includes('options') ? entries.find((e) => e.entry_id === body.handler)!.options : {};
        flows.set(flowId, { kind: path.includes('options') ? 'options' : 'config', step: path.includes('options') ? 'init' : 'user', options: { ...options }, entry: entries.find((e) => e.entry_id === body.handler) });
        return form(flowId, flows.get(flowId)!.step) as T;
      }
      const flowId = path.split('/').pop()!;
      const flow = flows.get(flowId)!;
      answer(flow.step, flow.options, body);
      if (flow.step === 'user') {
        flow.step = 'settings';
        return form(flowId, 'settings') as T;
      }
      if (flow.kind === 'options') {
        if (failOptions) throw { body: { message: 'Internal Server Error' } };
        flow.entry!.options = flow.options;
        return { flow_id: flowId, type: 'create_entry', result: true } as T;
      }
      const { name, ...options } = flow.options;
      const entry = { entry_id: `e${++n}`, domain: 'trend', title: String(name), options };
      entries.push(entry);
      const plain = `binary_sensor.${entry.title}`;
      registry.set([...registry.keys()].includes(plain) ? `${plain}_2` : plain, entry.entry_id);
      return { flow_id: flowId, type: 'create_entry', result: { entry_id: entry.entry_id } } as T;
    },
  };
  return api;
}

const trendRule = (extra: Record<string, unknown> = {}) => {
  const parsed = parseAlertsConfig({ rules: [{ name: 'leak', type: 'trend', window: '30m', min_gradient: 0.002, min_samples: 8, ...extra }], inhibit: [] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return automationFor(parsed.value.rules[0], 'sensor.memory', { scope: 'Rack' });
};

describe("server rules: trend rules through Home Assistant's Trend helper", () => {
  for (const version of ['2024.3', '2026.11'] as const) {
    it(`makes the helper with every option before the automation, once (${version} flow)`, async () => {
      // Arrange
      const api = fakeHaWithTrend(version);
      const tr = trendRule();
      if (!tr.ok || !tr.helper) throw new Error('refused');
      // Act
      const first = await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
      const second = await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
      // Assert
      expect(first.errors).to.deep.equal([]);
      expect(api.entries.map((e) => e.title)).to.deep.equal([tr.helper.name]);
      expect(api.entries[0].options).to.deep.equal({ entity_id: 'sensor.memory', invert: false, sample_duration: 1800, min_gradient: 0.002, min_samples: 8, max_samples: 2048 });
      const helperMade = api.calls.indexOf('POST config/config_entries/flow');
      const automationSaved = api.calls.findIndex((c) => c.startsWith('POST config/automation/config/'));
      expect(helperMade).to.be.within(0, automationSaved);
      expect(first.helpers).to.deep.equal({ made: 1, deleted: 0 });
      expect(second.helpers).to.deep.equal({ made: 0, deleted: 0 });
      expect(second.written).to.equal(0);
    });
  }

  it('replaces the helper when the settings change: the automation follows the new one, the old is deleted', async () => {
    // Arrange
    const api = fakeHaWithTrend('2026.11');
    const before = trendRule();
    const after = trendRule({ min_gradient: 0.004 });
    if (!before.ok || !after.ok) throw new Error('refused');
    await syncServerRules(api, {}, [before], 'ha_vitals_rack_');
    // Act
    const status = await syncServerRules(api, {}, [after], 'ha_vitals_rack_');
    // Assert
    expect(api.entries.map((e) => e.title)).to.deep.equal([after.helper!.name]);
    expect(api.entries[0].options.min_gradient).to.equal(0.004);
    expect(JSON.stringify(api.stored[after.automation.id].trigger)).to.contain(after.helper!.entityId);
    expect(status.helpers).to.deep.equal({ made: 1, deleted: 1 });
  });

  it('keeps the old helper while the automation that follows it could not be rewritten', async () => {
    // Arrange: the rule's settings change, and HA refuses to save the automation
    const api = fakeHaWithTrend('2026.11');
    const before = trendRule();
    const after = trendRule({ min_gradient: 0.004 });
    if (!before.ok || !after.ok) throw new Error('refused');
    await syncServerRules(api, {}, [before], 'ha_vitals_rack_');
    const callApi = api.callApi.bind(api);
    api.callApi = async <T,>(method: string, path: string, body?: Record<string, unknown>): Promise<T> => {
      if (method === 'POST' && path.startsWith('config/automation/')) throw { body: { message: 'Message malformed' } };
      return callApi<T>(method, path, body);
    };
    // Act
    const status = await syncServerRules(api, {}, [after], 'ha_vitals_rack_');
    // Assert
    expect(status.errors).to.have.length(1);
    expect(JSON.stringify(api.stored[before.automation.id].trigger)).to.contain(before.helper!.entityId);
    expect(api.entries.map((e) => e.title)).to.include(before.helper!.name);
  });

  it('deletes the helper again when its options cannot be set, and saves no automation that would follow it', async () => {
    // Arrange
    const api = fakeHaWithTrend('2024.3', true);
    const tr = trendRule();
    if (!tr.ok) throw new Error('refused');
    // Act
    const status = await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
    // Assert
    expect(api.entries).to.deep.equal([]);
    expect(status.errors).to.have.length(1);
    expect(status.errors[0]).to.match(/leak on sensor\.memory: the Trend helper ha_vitals_trend_\w+: Internal Server Error/);
    expect(api.stored[tr.automation.id]).to.equal(undefined);
  });

  it('two dashboards made the helper at once: the copy that does not own the plain entity id is deleted', async () => {
    // Arrange: a second entry of the same name (HA named its entity ..._2)
    const api = fakeHaWithTrend('2026.11');
    const tr = trendRule();
    if (!tr.ok || !tr.helper) throw new Error('refused');
    await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
    api.entries.push({ entry_id: 'e-late', domain: 'trend', title: tr.helper.name, options: {} });
    api.registry.set(`${tr.helper.entityId}_2`, 'e-late');
    // Act
    const status = await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
    // Assert
    expect(api.entries.map((e) => e.entry_id)).to.deep.equal([api.registry.get(tr.helper.entityId)]);
    expect(status.helpers?.deleted).to.equal(1);
  });

  it('removing the automation removes its helper, and a rule that stopped being a trend rule leaves none', async () => {
    // Arrange
    const api = fakeHaWithTrend('2024.3');
    const tr = trendRule();
    const other = trendRule();
    if (!tr.ok || !other.ok) throw new Error('refused');
    await syncServerRules(api, {}, [tr], 'ha_vitals_rack_');
    const asThreshold = { ...translation(tr.automation.id, 90) };
    // Act
    const switched = await syncServerRules(api, {}, [asThreshold], 'ha_vitals_rack_');
    const leftAfterSwitch = api.entries.length;
    await syncServerRules(api, {}, [other], 'ha_vitals_rack_');
    await removeServerAutomation(api, other.automation.id);
    // Assert
    expect(switched.helpers?.deleted).to.equal(1);
    expect(leftAfterSwitch).to.equal(0);
    expect(api.entries).to.deep.equal([]);
    expect(api.stored[other.automation.id]).to.equal(undefined);
  });
});
