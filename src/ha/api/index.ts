/**
 * Every Home Assistant command HA Vitals uses, one typed function each (see `websocket.ts` for
 * the convention). Nothing outside `src/ha/` sends a websocket message.
 */
export * from './websocket';
export * from './assist-pipeline';
export * from './conversation';
export * from './entities';
export * from './entity-registry';
export * from './history';
export * from './mqtt';
export * from './recorder';
export * from './services';
export * from './system-health';
export * from './user';
export * from './automation-config';
export * from './config-entries';
