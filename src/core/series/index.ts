export * from './time-series.js';
export * from './parse.js';
export * from './downsample.js';
export * from './bucket-series.js';
