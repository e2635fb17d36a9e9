import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { ProblemDetailsFilter } from './common/problem-details.filter';

/** Everything that shapes HTTP for the app, shared by main.ts and the e2e tests. */
export function configureHttp(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
}
