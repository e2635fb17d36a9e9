export { startGraphSimulator, defaultStateDir } from './lib/simulator.js';
export type {
  GraphSimulatorOptions,
  RunningGraphSimulator,
  SimulatorCredentials,
} from './lib/simulator.js';
export type { AccountingSnapshot } from './lib/accounting.service.js';
export type { FaultConfig, FaultKind } from './lib/faults.service.js';
export type { ThrottleConfig } from './lib/throttle.service.js';
export type { GroundTruth, MessageKind, Prospect } from './lib/tenant.types.js';
