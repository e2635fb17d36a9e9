export * from './lib/domain-model.js';
