export * from './topics.js';
export * from './enums.js';
export * from './schemas/common.js';
export * from './schemas/mqtt.js';
export * as http from './schemas/http.js';
