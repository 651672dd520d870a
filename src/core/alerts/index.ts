export * from './types.js';
export * from './engine.js';
export * from './planner.js';
export * from './rule-state.js';
export * from './matchers.js';
export * from './intent-id.js';
export * from './detector-factory.js';
