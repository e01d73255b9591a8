export * from './domain.js';
export * from './api.js';
export * from './schemas.js';
export * from './events.js';
