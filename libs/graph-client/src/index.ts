export * from './lib/graph-client.js';
