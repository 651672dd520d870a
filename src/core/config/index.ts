export * from './duration.js';
export * from './structs.js';
export * from './validate.js';
export * from './alerts.js';
export * from './card.js';
