export * from './lib/graph-simulator.js';
