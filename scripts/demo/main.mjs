// The body of scripts/demo.mjs (run with WebSocket available). See there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Lane } from '../../e2e/lib/ha.mjs';
import { portInUse } from '../../e2e/lib/proc.mjs';
import { CACHE, REPO_ROOT } from '../ha/lanes.mjs';
import { startGenerator } from './generator.mjs';
import { importWeek, readMarker } from './import-week.mjs';
import { storyEvents } from './week.mjs';

const LANE = process.env.HA_VITALS_DEMO_LANE || 'newest';
const PORT = Number(process.env.HA_VITALS_DEMO_PORT || 8123);
const CONFIG_DIR = process.env.HA_VITALS_DEMO_CONFIG || path.join(CACHE, LANE === 'newest' ? 'demo-config' : `demo-config-${LANE}`);
// Seed of the imported fortnight (scripts/demo/week.mjs): the same seed gives the same story.
const WEEK_SEED = Number(process.env.HA_VITALS_DEMO_WEEK_SEED || 20261124);
const DASHBOARD_SRC = path.join(REPO_ROOT, 'scripts', 'demo', 'dashboard.yaml');
const DASHBOARD = 'vitals-demo';
const log = (m) => console.log(`[demo] ${m}`);

let lane = null;
let generator = null;
let watcher = null;
let stopping = null;

async function shutdown(code = 0) {
  if (stopping) return stopping;
  stopping = (async () => {
    log('stopping: generator, Home Assistant, mosquitto, chroot mounts …');
    generator?.stop();
    if (watcher) fs.unwatchFile(DASHBOARD_SRC);
    try {
      await lane?.stop();
    } catch (e) {
      console.error(`[demo] stop failed: ${e.message}`);
      code = code || 1;
    }
    log('stopped');
    process.exit(code);
  })();
  return stopping;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) {
      log('second signal: killing everything now');
      process.exit(130); // exit hooks SIGKILL the process groups and unmount
    }
    shutdown(0);
  });
}

async function main() {
  const bundle = process.env.HA_VITALS_BUNDLE || path.join(REPO_ROOT, 'dist', 'ha-vitals.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` (npm start does) first`);

  log(`ensuring the ${LANE} lane is installed`);
  const setup = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/ha/setup.mjs'), LANE], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('lane setup failed');

  if (await portInUse(PORT)) throw new Error(`port ${PORT} is in use (another Home Assistant or demo running?); set HA_VITALS_DEMO_PORT`);

  lane = new Lane(LANE, {
    configDir: CONFIG_DIR,
    port: PORT,
    bundle,
    name: 'HA Vitals demo',
    testEntities: false,
    logLevel: 'warning',
    dashboards: { [DASHBOARD]: { title: 'Vitals', icon: 'mdi:heart-pulse', config: fs.readFileSync(DASHBOARD_SRC, 'utf8') } },
  });
  log(`starting Home Assistant (${LANE} lane) with config ${CONFIG_DIR}`);
  const t0 = Date.now();
  await lane.start();
  log(`Home Assistant ${lane.haVersion} (frontend ${lane.frontendVersion}, Python ${lane.python}) up in ${((Date.now() - t0) / 1000).toFixed(1)} s; MQTT broker 127.0.0.1:${lane.mqtt.port}`);

  // First start: a lived-in fortnight of history (scripts/demo/import-week.mjs); later starts keep it.
  let week = readMarker(CONFIG_DIR);
  if (!week) {
    log('first start: importing two weeks of history for the demo sensors (states, 5-minute and long-term statistics) …');
    week = await importWeek(lane, { seed: WEEK_SEED, log });
    log(`history imported in ${(week.ms.total / 1000).toFixed(1)} s: ${week.states} states, ${week.shortTermRows} 5-minute rows, ${week.hourlyRows} hourly rows (recorder/import_statistics, ${week.statisticsForm} form)`);
  } else {
    log(`history of the demo sensors was imported ${week.importedAt} (story up to ${week.anchor}); nothing to import`);
  }

  generator = await startGenerator({
    baseUrl: lane.baseUrl,
    token: lane.token,
    intervalMs: Number(process.env.HA_VITALS_DEMO_INTERVAL_S || 5) * 1000,
    log,
    events: storyEvents(Date.parse(week.anchor)),
  });

  // Edits to scripts/demo/dashboard.yaml show up on page reload.
  watcher = true;
  fs.watchFile(DASHBOARD_SRC, { interval: 1000 }, () => {
    try {
      lane.writeDashboard(fs.readFileSync(DASHBOARD_SRC, 'utf8'), DASHBOARD);
      log('dashboard.yaml changed: reload the page');
    } catch (e) {
      log(`could not copy dashboard.yaml: ${e.message}`);
    }
  });

  console.log('');
  console.log(`  HA Vitals demo:  http://127.0.0.1:${PORT}/${DASHBOARD}`);
  console.log(`  Login:           automatic from this machine (trusted_networks bypass)`);
  console.log(`  Owner account:   ${lane.owner.username} / ${lane.owner.password}`);
  console.log(`  API token:       ${path.join(CONFIG_DIR, '.ha-vitals-auth.json')}`);
  console.log(`  Demo sensors:    ${generator.sensors.join(', ')}`);
  console.log('  Ctrl-C stops everything.');
  console.log('');

  // Watch HA: if it dies, stop the rest and report.
  lane.proc.exited.then((info) => {
    if (!stopping) {
      console.error(`[demo] Home Assistant exited unexpectedly (${JSON.stringify(info)}); see ${lane.logFile}`);
      shutdown(1);
    }
  });
}

main().catch(async (e) => {
  console.error(`[demo] ${e.message}`);
  await shutdown(1);
});
