import {
  ForbiddenException,
  UnauthorizedException,
  type INestApplication,
} from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { toProblem } from '../../common/problem-details.filter';
import { AuthGuard } from '../auth/auth.guard';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * The Bull dashboard of the sync queue, for admins only. Job payloads hold
 * ids only (MailboxSyncJob), so no mail content can show there. The queue is
 * shared by every org, so the dashboard is read-only: an admin may watch the
 * queue but never retry, promote or remove another org's jobs.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [
      new BullAdapter(app.get<Queue>(getQueueToken(QUEUE_NAMES.mailboxSync)), {
        readOnlyMode: true,
      }),
    ],
    serverAdapter: server,
  });
  const guard = app.get(AuthGuard);
  const adminsOnly = (
    request: Request,
    response: Response,
    next: NextFunction,
  ): void => {
    guard
      .authenticate(request, 'origin')
      .then((principal) => {
        if (!principal) throw new UnauthorizedException('Sign in first');
        if (principal.role !== 'admin')
          throw new ForbiddenException('This needs the admin role');
        next();
      })
      .catch((error: unknown) => {
        const problem = toProblem(error);
        problem.instance = request.originalUrl.split('?')[0];
        response
          .status(problem.status)
          .type('application/problem+json')
          .send(problem);
      });
  };
  app.use(QUEUE_DASHBOARD_PATH, adminsOnly, server.getRouter());
}
