import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import {
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import { loadConfig } from '@headersync/settings';
import { WorkerModule } from '../worker.module';

describe('sync-worker health and metrics', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.databaseUrl,
      REDIS_PREFIX: `hs-test-${process.pid}-${randomBytes(3).toString('hex')}`,
      HEADERSYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    app = await NestFactory.create(WorkerModule.forRoot(config), {
      logger: false,
    });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('checks PostgreSQL and the queue connection to Redis', async () => {
    const response = await request(app.getHttpServer())
      .get('/health')
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up' },
        redis: { status: 'up', queue: 'mailbox-sync' },
      },
    });
  });

  it('serves Prometheus metrics', async () => {
    const response = await request(app.getHttpServer())
      .get('/metrics')
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain(
      'process_cpu_user_seconds_total{service="sync-worker"}',
    );
  });
});
