export * from './timestamps.js';
export * from './series.js';
export * from './backtest.js';
export * from './preview.js';
export * from './suggest.js';
