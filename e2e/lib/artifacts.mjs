// Where the e2e runs put their files: e2e/artifacts/ (or $HA_VITALS_ARTIFACTS, set by e2e/run.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/ha/lanes.mjs';

export const ARTIFACTS = process.env.HA_VITALS_ARTIFACTS || path.join(REPO_ROOT, 'e2e', 'artifacts');

/** Path for an artifact file (dir created). */
export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
