import {
  GRAPH_BACKOFF_STRATEGY,
  mailboxSyncJobId,
  mailboxSyncJobOptions,
} from './queues.js';

describe('mailbox-sync job options', () => {
  it('give every job of a mailbox the same id, so Bull keeps one per mailbox', () => {
    expect(mailboxSyncJobOptions('m-1').jobId).toBe(mailboxSyncJobId('m-1'));
    expect(mailboxSyncJobId('m-1')).not.toBe(mailboxSyncJobId('m-2'));
  });

  it("retry with the worker's Retry-After-aware backoff and leave no history in Redis", () => {
    const options = mailboxSyncJobOptions('m-1');
    expect(options.attempts).toBeGreaterThan(1);
    expect(options.backoff).toEqual({ type: GRAPH_BACKOFF_STRATEGY });
    expect(options.removeOnComplete).toBe(true);
    expect(options.removeOnFail).toBe(true);
  });
});
