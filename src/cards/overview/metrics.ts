/** Metrics HA Vitals measures itself (`vitals.*`): display names, units and direction. */
export const VIRTUAL_METRICS: Record<string, { name: string; unit: string; higherIsBetter?: boolean }> = {
  'vitals.assist_total_ms': { name: 'Assist total', unit: 'ms' },
  'vitals.assist_wake_word_ms': { name: 'Assist wake word', unit: 'ms' },
  'vitals.assist_stt_ms': { name: 'Assist speech-to-text', unit: 'ms' },
  'vitals.assist_intent_ms': { name: 'Assist intent', unit: 'ms' },
  'vitals.assist_tts_ms': { name: 'Assist text-to-speech', unit: 'ms' },
  'vitals.assist_errors': { name: 'Assist errors', unit: '' },
  'vitals.llm_turn_ms': { name: 'LLM turn', unit: 'ms' },
  'vitals.ws_rtt_ms': { name: 'Websocket round trip', unit: 'ms' },
  'vitals.state_lag_ms': { name: 'State delivery lag', unit: 'ms' },
  'vitals.service_call_ms': { name: 'Service call latency', unit: 'ms' },
  'vitals.long_task_ms': { name: 'Long tasks', unit: 'ms' },
  'vitals.inp_ms': { name: 'Interaction to next paint', unit: 'ms' },
  'vitals.heap_mb': { name: 'JS heap', unit: 'MB' },
  'vitals.fps': { name: 'Frame rate', unit: 'fps', higherIsBetter: true },
  'vitals.monitor_overhead_ms': { name: 'Monitor overhead', unit: 'ms' },
};
