export * from './lib/config/app-config.js';
export * from './lib/config/config.error.js';
export * from './lib/logging/json-logger.js';
export * from './lib/nest/settings.module.js';
export * from './lib/preflight/preflight.js';
export * from './lib/org-settings/index.js';
export * from './lib/nest/repository.providers.js';
