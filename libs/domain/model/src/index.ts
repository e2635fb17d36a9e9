export * from './lib/addresses.js';
export * from './lib/enums.js';
export * from './lib/org-email-settings.js';
export * from './lib/queues.js';
