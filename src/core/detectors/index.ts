export * from './threshold.js';
export * from './trend.js';
export * from './staleness.js';
export * from './anomaly/index.js';
export * from './on-rate.js';
export * from './factory.js';
export * from './scenarios.js';
