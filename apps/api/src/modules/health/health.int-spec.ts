import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import {
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import { loadConfig } from '@headersync/settings';
import { AppModule } from '../../app.module';
import { configureHttp } from '../../configure-http';

describe('GET /api/health', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.databaseUrl,
      REDIS_PREFIX: `hs-test-${process.pid}`,
      HEADERSYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    app = await NestFactory.create(AppModule.forRoot(config), {
      logger: false,
    });
    configureHttp(app);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reports PostgreSQL and Redis up', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/health')
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/nowhere')
      .expect(404);
    expect(response.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/api/nowhere',
    });
  });
});
