export * from './window-stats.js';
export * from './ewma.js';
export * from './rate.js';
export * from './availability.js';
export * from './seasonal.js';
export * from './quantile.js';
