import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';

/** RFC 9457 problem details, the body of every error this API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field-level problems, so a client can point at the input to fix. */
  errors?: { field: string; message: string }[];
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = toProblem(exception);
    problem.instance = request.originalUrl.split('?')[0];
    if (problem.status >= 500) {
      // Only the error's class: messages of lower layers may quote input.
      this.logger.error({
        msg: 'unhandled error',
        error: exception instanceof Error ? exception.name : typeof exception,
        path: problem.instance,
      });
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  if (!(exception instanceof HttpException)) {
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
    };
  }
  const status = exception.getStatus();
  const body = exception.getResponse();
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: titleOf(status),
    status,
  };
  if (typeof body === 'string') {
    problem.detail = body;
    return problem;
  }
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) {
    // class-validator messages start with the property path ("email must be an email").
    problem.errors = message.map((text: unknown) => {
      const line = String(text);
      return { field: line.split(' ')[0] ?? '', message: line };
    });
    problem.detail = problem.errors.map((e) => e.message).join('; ');
  } else if (typeof message === 'string') {
    problem.detail = message;
  }
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    problem.errors = errors as ProblemDetails['errors'];
  }
  return problem;
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  if (typeof name !== 'string') return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
