export * from './lib/config/app-config.js';
export * from './lib/config/config.error.js';
