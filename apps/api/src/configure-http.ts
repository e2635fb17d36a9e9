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
import { ProblemDetailsFilter } from './common/problem-details.filter';

/** Everything that shapes HTTP for the app, shared by main.ts and the e2e tests. */
export function configureHttp(
  app: INestApplication,
  options: { jsonBodyLimitBytes?: number } = {},
): void {
  const express_ = app as NestExpressApplication;
  express_.disable('x-powered-by');
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
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
}
