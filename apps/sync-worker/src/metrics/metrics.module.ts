import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { SyncMetrics } from './sync.metrics';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, SyncMetrics],
  exports: [MetricsRegistry, SyncMetrics],
})
export class MetricsModule {}
