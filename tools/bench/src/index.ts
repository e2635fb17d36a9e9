// The benchmarks' pure arithmetic, for anyone reading their JSON; the
// benchmarks themselves are the `main.ts` of each folder.
export * from './classifier/classifier-bench.util.js';
export * from './graph/graph-bench.util.js';
export * from './sync/sync-bench.util.js';
