export { Lane, startLane, HttpError, RESOURCE_URL, DEFAULT_DASHBOARD, OWNER } from './ha.mjs';
export { launchBrowser, newPage, CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
export { startMosquitto } from './mosquitto.mjs';
export { connectWs } from './ws.mjs';
export { startProcess, freePort, waitFor, sleep, onExit } from './proc.mjs';

import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/ha/lanes.mjs';

export const ARTIFACTS = process.env.HA_VITALS_ARTIFACTS || path.join(REPO_ROOT, 'e2e', 'artifacts');

/** Path for an artifact file (dir created). */
export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
