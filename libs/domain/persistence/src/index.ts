export * from './lib/crypto/secret-cipher.js';
export * from './lib/data-source/data-source.js';
export * from './lib/data-source/ensure-database.js';
export * from './lib/data-source/naming.strategy.js';
export * from './lib/data-source/safe.logger.js';
export * from './lib/entities/index.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './lib/repositories/index.js';
