import { Injectable } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** The worker's own Prometheus registry (not the global one, so tests stay isolated). */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    this.registry.setDefaultLabels({ service: 'sync-worker' });
    collectDefaultMetrics({ register: this.registry });
  }
}
