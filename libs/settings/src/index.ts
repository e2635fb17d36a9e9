export * from './lib/settings.js';
