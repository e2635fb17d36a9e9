export * from './lib/errors/graph.error.js';
export {
  isMailboxGoneCode,
  isSyncFolderGoneCode,
  isSyncStateCode,
  mapGraphFailure,
} from './lib/errors/map-graph-failure.util.js';
export type { GraphFailure } from './lib/errors/map-graph-failure.util.js';
export * from './lib/auth/token-provider.js';
export { MsalNetworkClient } from './lib/auth/msal-network-client.js';
export {
  HttpNetworkError,
  HttpsTransport,
} from './lib/http/https-transport.js';
export type { HttpsTransportOptions } from './lib/http/https-transport.js';
export * from './lib/http/mailbox-limiter.js';
export * from './lib/http/request-budget.js';
export {
  fullJitterDelay,
  parseRetryAfter,
} from './lib/http/retry-policy.util.js';
export type { BackoffOptions } from './lib/http/retry-policy.util.js';
export { GraphUsageCounter } from './lib/middleware/accounting.middleware.js';
export type {
  GraphBatchItemsEvent,
  GraphRequestEvent,
  GraphRequestListener,
} from './lib/middleware/accounting.middleware.js';
export type { GraphCredentials } from './lib/middleware/auth.middleware.js';
export type { GraphRequestPurpose } from './lib/middleware/request-tag.js';
export { DEFAULT_RETRY_OPTIONS } from './lib/middleware/retry.middleware.js';
export type { RetryOptions } from './lib/middleware/retry.middleware.js';
export * from './lib/mail/graph-mail-client.js';
export type * from './lib/mail/graph-mail.types.js';
