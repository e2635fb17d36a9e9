import {
  Global,
  Inject,
  Injectable,
  Module,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';

/**
 * The API's own Redis connection (sessions), every key under
 * `<REDIS_PREFIX>:api:` so test runs and deployments sharing a server stay apart.
 */
@Injectable()
export class ApiRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.redisUrl, {
      keyPrefix: `${config.redisPrefix}:api:`,
      maxRetriesPerRequest: 2,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

@Global()
@Module({ providers: [ApiRedis], exports: [ApiRedis] })
export class RedisModule {}
