export * from './waiting.js';
export * from './window.js';
export * from './trays.js';
export * from './sorting.js';
export * from './visibility.js';
export * from './search.js';
export * from './attributes.js';
