import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { MailboxLimiter } from '../http/mailbox-limiter.js';
import { requestTag } from './request-tag.js';

/**
 * Holds the mailbox's limiter permits for exactly one HTTP attempt. It sits
 * inside the retry middleware, so a request waiting out a Retry-After holds
 * no slot, and outside authentication, so a token refresh does not count.
 */
export class MailboxLimitMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly limiter: MailboxLimiter) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next)
      throw new Error('MailboxLimitMiddleware needs a next middleware');
    const tag = requestTag(context);
    if (!tag?.mailbox) {
      await this.next.execute(context);
      return;
    }
    const release = await this.limiter.acquire(tag.mailbox, tag.permits);
    try {
      await this.next.execute(context);
    } finally {
      release();
    }
  }
}
