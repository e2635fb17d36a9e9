export * from './sim-control.client.js';
export * from './spawn-graph-simulator.js';
export * from './test-certificate.js';
