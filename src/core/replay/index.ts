export * from './timestamps.js';
export * from './series.js';
export * from './backtest.js';
