export * from './insights.js';
export * from './format.js';
