/** Ids of the virtual metrics the UX monitor records, apart from the monitor: card configs name them without loading it. */
export const UX_METRICS = {
  rtt: 'vitals.ws_rtt_ms',
  lag: 'vitals.state_lag_ms',
  serviceCall: 'vitals.service_call_ms',
  longTask: 'vitals.long_task_ms',
  inp: 'vitals.inp_ms',
  heap: 'vitals.heap_mb',
  fps: 'vitals.fps',
  overhead: 'vitals.monitor_overhead_ms',
} as const;
