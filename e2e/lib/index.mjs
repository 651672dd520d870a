// THE module the e2e suites import from: the fixture, the Lane (scripts/ha/lane.mjs), browser,
// websocket and process helpers, measurements, and the page/store/card helpers of the suites.
//
//   import { useDashboard, waitFor, measure } from '../lib/index.mjs';
export { useDashboard, NON_ADMIN } from './fixture.mjs';
export { measure, resetMeasurements, collectMeasurements, clearMeasurements, measurementsFile, LANE, SUITE } from './measure.mjs';
export { ARTIFACTS, artifact } from './artifacts.mjs';
export { fnv1a64, alertSensorEntity, firingIntentId, claimTopicOf } from './ids.mjs';
export {
  Lane, startLane, reapStaleRuns, fillFormDefaults, HttpError, RESOURCE_URL, DEFAULT_DASHBOARD, OWNER, hacsResourceUrl,
} from '../../scripts/ha/lane.mjs';
export { launchBrowser, newPage, CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
export { startMosquitto } from '../../scripts/ha/mosquitto.mjs';
export { connectWs } from '../../scripts/ha/ws.mjs';
export { startProcess, freePort, portInUse, waitFor, sleep, onExit } from '../../scripts/ha/proc.mjs';
// helpers of the store-* suites (page-side store reads, websocket routing, bursts, recorder rows)
export {
  dashboard, metricCard, saveLog, countCards, storeSeries, cardText, cardAttr, parseFrame, recordWebsocket, routeHaWebsocket,
  pushStates, recorderRows, waitRecorded, compareWithRecorder, describeComparison,
} from './store-helpers.mjs';
// fixtures of the cards-* suites (realistic sensors, feeder, all-cards dashboard, screenshots)
export {
  CARD_TAGS, SENSORS, attrsOf, pushSensor, startFeeder, ALERT_RULE, cardConfigs, allCardsDashboard, runAssist, textOf, waitText,
  setScheme, screenshotCards, dashboardShot, openCardEditor, markFormFields,
} from './cards-fixtures.mjs';
export { seedRecorderStates, RECORDER_DB } from './recorder-seed.mjs';
// HACS install / upgrade (hacs-install suite): entry evaluations over CDP, the next build
export { isEntryUrl, recordScripts, makeNextBuild, chunksImportingEntry } from './hacs.mjs';
