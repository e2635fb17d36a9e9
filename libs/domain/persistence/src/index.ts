export * from './lib/domain-persistence.js';
