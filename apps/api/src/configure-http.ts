import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import helmet from 'helmet';
import { DEFAULT_API_OPTIONS } from './api-options';
import {
  flattenValidationErrors,
  validationErrors,
} from './common/field-errors';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import type { MetricsService } from './modules/metrics/metrics.service';

/** Everything that shapes HTTP for the app, shared by main.ts and the e2e tests. */
export function configureHttp(
  app: INestApplication,
  options: { jsonBodyLimitBytes?: number; metrics?: MetricsService } = {},
): void {
  const express_ = app as NestExpressApplication;
  express_.disable('x-powered-by');
  // Behind the admin app's proxy (or a load balancer): the client address
  // for rate limiting is the first X-Forwarded-For hop.
  express_.set('trust proxy', 'loopback');
  const metrics = options.metrics;
  if (metrics) {
    app.use((request: Request, response: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      response.on('finish', () => {
        const route = (request.route as { path?: string } | undefined)?.path;
        metrics.observe(
          request.method,
          route ? `${request.baseUrl}${route}` : 'unmatched',
          response.statusCode,
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      });
      next();
    });
  }
  app.use(helmet());
  app.use(cookieParser());
  // Our own JSON parser (create the app with bodyParser: false) so that an
  // oversize or malformed body is answered as problem+json, like every
  // other error, instead of Express's HTML page.
  const json = express.json({
    limit: options.jsonBodyLimitBytes ?? DEFAULT_API_OPTIONS.jsonBodyLimitBytes,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    json(request, response, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status === 413 ? 413 : 400;
      response
        .status(status)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: status === 413 ? 'Payload Too Large' : 'Bad Request',
          status,
          detail:
            status === 413
              ? 'The request body is larger than this endpoint accepts'
              : 'The request body is not valid JSON',
          instance: request.originalUrl.split('?')[0],
        });
    });
  });
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The value is never echoed: it may be a password or a secret.
      validationError: { target: false, value: false },
      exceptionFactory: (errors) =>
        validationErrors(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
}
