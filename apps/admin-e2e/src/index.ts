export * from './support/admin-pages';
export * from './support/api-session';
export * from './support/browser';
export * from './support/stack';
