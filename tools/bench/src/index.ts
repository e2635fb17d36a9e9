export * from './lib/bench.js';
