#!/usr/bin/env node
// `npm start` (= npm run build && node scripts/demo.mjs): a real Home Assistant
// (newest lane) on http://127.0.0.1:8123 with the `Vitals` YAML dashboard
// (scripts/demo/dashboard.yaml) and live demo sensors (scripts/demo/generator.mjs).
//
// The first start imports two lived-in weeks of history for the demo sensors
// (scripts/demo/import-week.mjs, story in scripts/demo/week.mjs). Config persists in
// ~/.cache/ha-vitals/demo-config, so later starts keep that history and add to it.
// Ctrl-C stops HA, mosquitto, the generator and unmounts the chroot.
//
// Env: HA_VITALS_DEMO_PORT (default 8123), HA_VITALS_DEMO_LANE (default newest),
//      HA_VITALS_DEMO_INTERVAL_S (default 5), HA_VITALS_DEMO_CONFIG (config dir),
//      HA_VITALS_DEMO_WEEK_SEED (seed of the imported history).
import { spawn } from 'node:child_process';

// Node 20 has WebSocket (needed for the HA token) only behind a flag: re-run
// ourselves with it, forwarding signals, and exit with the child's status.
// (Own process group, so a terminal Ctrl-C reaches the child once, via us.)
if (!globalThis.WebSocket && !process.env.HA_VITALS_DEMO_CHILD) {
  const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, HA_VITALS_DEMO_CHILD: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
} else {
  await import('./demo/main.mjs');
}
