export * from './testing/test-database.js';
export * from './testing/factories.js';
