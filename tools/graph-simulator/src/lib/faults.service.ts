import { Prng } from './prng.util.js';

export type FaultKind =
  | '429'
  | '500'
  | '503'
  | '504'
  | 'malformedJson'
  | 'truncatedJson'
  | 'connectionReset'
  | 'emptyPage';

export interface FaultConfig {
  rates?: Partial<Record<FaultKind, number>>;
  latencyMs?: number;
  /** Limit the faults to one mailbox. */
  userId?: string;
  retryAfterSeconds?: number;
}

export const STATUS_FAULTS = ['429', '500', '503', '504'] as const;
export type StatusFault = (typeof STATUS_FAULTS)[number];
export const WIRE_FAULTS = [
  'malformedJson',
  'truncatedJson',
  'connectionReset',
] as const;
export type WireFault = (typeof WIRE_FAULTS)[number];

/** Faults on demand (PUT /_sim/faults); draws come from a seeded stream so runs repeat. */
export class FaultService {
  config: FaultConfig = {};
  private rng: Prng;

  constructor(private readonly seed: number) {
    this.rng = new Prng(seed, 0xfa);
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.rng = new Prng(this.seed, 0xfa);
  }

  clear(): void {
    this.set({});
  }

  private applies(userId: string | undefined): boolean {
    return !this.config.userId || this.config.userId === userId;
  }

  private draw(kind: FaultKind): boolean {
    const p = this.config.rates?.[kind] ?? 0;
    return p > 0 && this.rng.next() < p;
  }

  statusFault(userId: string | undefined): StatusFault | undefined {
    if (!this.applies(userId)) return undefined;
    return STATUS_FAULTS.find((k) => this.draw(k));
  }

  wireFault(userId: string | undefined): WireFault | undefined {
    if (!this.applies(userId)) return undefined;
    return WIRE_FAULTS.find((k) => this.draw(k));
  }

  emptyPage(userId: string | undefined): boolean {
    return this.applies(userId) && this.draw('emptyPage');
  }

  latencyMs(userId: string | undefined): number {
    return this.applies(userId) ? (this.config.latencyMs ?? 0) : 0;
  }

  retryAfterSeconds(): number {
    return this.config.retryAfterSeconds ?? 1;
  }
}
