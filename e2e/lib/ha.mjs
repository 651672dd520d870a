// The Lane class moved to scripts/ha/lane.mjs (`npm start` uses it too); kept so existing imports
// (scripts/demo/main.mjs, older suites) work. Suites import from e2e/lib/index.mjs.
export * from '../../scripts/ha/lane.mjs';
